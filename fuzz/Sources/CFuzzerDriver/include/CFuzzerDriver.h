// libFuzzer's entry point for a program with its own main.
//
// SwiftPM renames an executable target's entry point (to call it from tests), so the `main` in
// libclang_rt.fuzzer is never used; each fuzz target's `main` calls this instead. Declared here
// because Swift cannot declare a C function itself.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
