// ICU wrappers. ICU renames its functions per version with macros (ucol_open -> ucol_open_72),
// so these real functions are what Swift calls.
#include "CVoterRoll.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utypes.h>

const char *CVoterRoll_errorName(int32_t status) { return u_errorName((UErrorCode)status); }

void CVoterRoll_free(void *pointer) { free(pointer); }

// MARK: Transliterator

struct CVoterRoll_Transliterator {
    UTransliterator *trans;
};

CVoterRoll_Transliterator *CVoterRoll_transliteratorOpen(const uint16_t *id, int32_t idLength,
                                                         int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UTransliterator *trans =
        utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD, NULL, -1, NULL, &error);
    *status = error;
    if (U_FAILURE(error) || trans == NULL) {
        if (trans != NULL) utrans_close(trans);
        return NULL;
    }
    CVoterRoll_Transliterator *handle = malloc(sizeof *handle);
    if (handle == NULL) {
        utrans_close(trans);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    handle->trans = trans;
    return handle;
}

int32_t CVoterRoll_transliteratorTransform(CVoterRoll_Transliterator *handle, uint16_t *text,
                                           int32_t length, int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(handle->trans, (UChar *)text, &textLength, capacity, 0, &limit, &error);
    *status = error;
    return textLength;
}

void CVoterRoll_transliteratorClose(CVoterRoll_Transliterator *handle) {
    if (handle == NULL) return;
    utrans_close(handle->trans);
    free(handle);
}

// MARK: Collator

struct CVoterRoll_Collator {
    UCollator *collator;
};

CVoterRoll_Collator *CVoterRoll_collatorOpen(const char *locale, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &error);
    *status = error;
    if (U_FAILURE(error) || collator == NULL) {
        if (collator != NULL) ucol_close(collator);
        return NULL;
    }
    CVoterRoll_Collator *handle = malloc(sizeof *handle);
    if (handle == NULL) {
        ucol_close(collator);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    handle->collator = collator;
    return handle;
}

int32_t CVoterRoll_collatorCompare(CVoterRoll_Collator *handle, const uint16_t *a, int32_t aLength,
                                   const uint16_t *b, int32_t bLength) {
    return (int32_t)ucol_strcoll(handle->collator, (const UChar *)a, aLength, (const UChar *)b,
                                 bLength);
}

int32_t CVoterRoll_collatorSortKey(CVoterRoll_Collator *handle, const uint16_t *text, int32_t length,
                                   uint8_t *key, int32_t capacity) {
    return ucol_getSortKey(handle->collator, (const UChar *)text, length, key, capacity);
}

void CVoterRoll_collatorClose(CVoterRoll_Collator *handle) {
    if (handle == NULL) return;
    ucol_close(handle->collator);
    free(handle);
}

// MARK: Normalizer

int32_t CVoterRoll_normalizeNFC(const uint16_t *text, int32_t length, uint16_t *out,
                                int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&error);
    if (U_FAILURE(error)) {
        *status = error;
        return 0;
    }
    int32_t needed = unorm2_normalize(nfc, (const UChar *)text, length, (UChar *)out, capacity, &error);
    *status = error;
    return needed;
}

// MARK: Converter

struct CVoterRoll_Converter {
    UConverter *converter;
    UChar *pivot;
    int32_t pivotCapacity;
};

CVoterRoll_Converter *CVoterRoll_converterOpen(const char *name, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &error);
    if (U_FAILURE(error) || converter == NULL) {
        *status = U_FAILURE(error) ? error : U_INTERNAL_PROGRAM_ERROR;
        return NULL;
    }
    // Stop at an undecodable or unmappable sequence so the caller can report its offset.
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &error);
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &error);
    if (U_FAILURE(error)) {
        ucnv_close(converter);
        *status = error;
        return NULL;
    }
    CVoterRoll_Converter *handle = calloc(1, sizeof *handle);
    if (handle == NULL) {
        ucnv_close(converter);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    handle->converter = converter;
    *status = U_ZERO_ERROR;
    return handle;
}

static int ensurePivot(CVoterRoll_Converter *handle, int32_t capacity) {
    if (handle->pivotCapacity >= capacity) return 1;
    UChar *grown = realloc(handle->pivot, (size_t)capacity * sizeof(UChar));
    if (grown == NULL) return 0;
    handle->pivot = grown;
    handle->pivotCapacity = capacity;
    return 1;
}

int32_t CVoterRoll_converterToUTF8(CVoterRoll_Converter *handle, const uint8_t *source,
                                   int32_t sourceLength, uint8_t *target, int32_t targetCapacity,
                                   int32_t flush, int32_t *consumed, int32_t *produced,
                                   int32_t *invalidLength, int32_t *status) {
    *consumed = 0;
    *produced = 0;
    *invalidLength = 0;
    *status = U_ZERO_ERROR;
    // Every supported charset yields at most one UTF-16 unit per input byte, plus what the
    // converter kept from the previous call.
    int32_t pivotCapacity = sourceLength + 8;
    if (!ensurePivot(handle, pivotCapacity)) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    UErrorCode error = U_ZERO_ERROR;
    const char *src = (const char *)source;
    const char *srcLimit = src + sourceLength;
    UChar *pivot = handle->pivot;
    ucnv_toUnicode(handle->converter, &pivot, handle->pivot + pivotCapacity, &src, srcLimit, NULL,
                   (UBool)(flush != 0), &error);
    int32_t pivotLength = (int32_t)(pivot - handle->pivot);
    *consumed = (int32_t)(src - (const char *)source);
    int32_t result = 0;
    if (error == U_ILLEGAL_CHAR_FOUND || error == U_INVALID_CHAR_FOUND ||
        error == U_TRUNCATED_CHAR_FOUND) {
        char invalid[32];
        int8_t length = (int8_t)sizeof invalid;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(handle->converter, invalid, &length, &ignored);
        *invalidLength = U_SUCCESS(ignored) ? length : 1;
        ucnv_resetToUnicode(handle->converter);
        result = 1;
    } else if (U_FAILURE(error)) {
        *status = error;
        return -1;
    }
    UErrorCode utf8Error = U_ZERO_ERROR;
    int32_t utf8Length = 0;
    u_strToUTF8WithSub((char *)target, targetCapacity, &utf8Length, handle->pivot, pivotLength,
                       0xFFFD, NULL, &utf8Error);
    if (U_FAILURE(utf8Error)) {
        *status = utf8Error;
        return -1;
    }
    *produced = utf8Length;
    return result;
}

int32_t CVoterRoll_converterFromUTF8(CVoterRoll_Converter *handle, const uint8_t *source,
                                     int32_t sourceLength, uint8_t *target, int32_t capacity,
                                     int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t unitsNeeded = 0;
    u_strFromUTF8WithSub(NULL, 0, &unitsNeeded, (const char *)source, sourceLength, 0xFFFD, NULL,
                         &error);
    if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error)) {
        *status = error;
        return 0;
    }
    if (!ensurePivot(handle, unitsNeeded + 1)) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
    error = U_ZERO_ERROR;
    u_strFromUTF8WithSub(handle->pivot, handle->pivotCapacity, &unitsNeeded, (const char *)source,
                         sourceLength, 0xFFFD, NULL, &error);
    if (U_FAILURE(error)) {
        *status = error;
        return 0;
    }
    error = U_ZERO_ERROR;
    ucnv_resetFromUnicode(handle->converter);
    int32_t written = ucnv_fromUChars(handle->converter, (char *)target, capacity, handle->pivot,
                                      unitsNeeded, &error);
    ucnv_resetFromUnicode(handle->converter);
    *status = (error == U_STRING_NOT_TERMINATED_WARNING) ? U_ZERO_ERROR : error;
    return written;
}

void CVoterRoll_converterReset(CVoterRoll_Converter *handle) { ucnv_reset(handle->converter); }

void CVoterRoll_converterClose(CVoterRoll_Converter *handle) {
    if (handle == NULL) return;
    ucnv_close(handle->converter);
    free(handle->pivot);
    free(handle);
}
