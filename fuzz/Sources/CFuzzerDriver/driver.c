// Nothing to compile: the declaration in CFuzzerDriver.h is implemented by libclang_rt.fuzzer,
// which `-sanitize=fuzzer` links into every fuzz target.
#include "CFuzzerDriver.h"
