// CVoterRoll: the only code in VoterRoll that includes ICU or libxml2 headers.
//
// Why this shim exists:
// - ICU's C functions are renamed per version by macros (ucol_open becomes ucol_open_72),
//   so Swift cannot call them by their documented names; here they are real functions.
// - On Debian libxml2's headers include ICU's, which clash with Foundation's own ICU module
//   when any Swift module sees them. This header therefore includes only <stdint.h> and
//   declares opaque handles; every symbol is prefixed CVoterRoll_.
// - A few Linux calls that Swift's Glibc module leaves out (renameat2) live here too (fs.c).
//
// Status codes: 0 is success; negative values are warnings; positive values are errors
// (ICU's UErrorCode convention). Strings are UTF-16 (uint16_t) for ICU and UTF-8 for libxml2.
#ifndef CVOTERROLL_H
#define CVOTERROLL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes ICU's name for an error code ("U_ILLEGAL_ARGUMENT_ERROR") into a static string.
const char *CVoterRoll_errorName(int32_t status);

// MARK: Transliterator (utrans)

typedef struct CVoterRoll_Transliterator CVoterRoll_Transliterator;

/// Opens a transliterator by its ICU id, e.g. "Traditional-Simplified" or "Han-Latin/Names".
CVoterRoll_Transliterator *CVoterRoll_transliteratorOpen(const uint16_t *id, int32_t idLength,
                                                         int32_t *status);
/// Transliterates `text` in place; returns the new length. When the result does not fit in
/// `capacity`, returns the needed length with status U_BUFFER_OVERFLOW_ERROR (15).
int32_t CVoterRoll_transliteratorTransform(CVoterRoll_Transliterator *handle, uint16_t *text,
                                           int32_t length, int32_t capacity, int32_t *status);
void CVoterRoll_transliteratorClose(CVoterRoll_Transliterator *handle);

// MARK: Collator (ucol)

typedef struct CVoterRoll_Collator CVoterRoll_Collator;

/// Opens a collator for a locale such as "zh@collation=stroke".
CVoterRoll_Collator *CVoterRoll_collatorOpen(const char *locale, int32_t *status);
/// Returns <0, 0 or >0.
int32_t CVoterRoll_collatorCompare(CVoterRoll_Collator *handle, const uint16_t *a, int32_t aLength,
                                   const uint16_t *b, int32_t bLength);
/// Writes the sort key (NUL-terminated bytes); returns its full length, which may exceed capacity.
int32_t CVoterRoll_collatorSortKey(CVoterRoll_Collator *handle, const uint16_t *text, int32_t length,
                                   uint8_t *key, int32_t capacity);
void CVoterRoll_collatorClose(CVoterRoll_Collator *handle);

// MARK: Normalizer (unorm2)

/// NFC-normalizes `text` into `out`; returns the needed length (status 15 when it did not fit).
int32_t CVoterRoll_normalizeNFC(const uint16_t *text, int32_t length, uint16_t *out,
                                int32_t capacity, int32_t *status);

// MARK: Converter (ucnv)

typedef struct CVoterRoll_Converter CVoterRoll_Converter;

/// Opens a converter (e.g. "GB18030", "UTF-16LE") that stops at the first undecodable sequence.
CVoterRoll_Converter *CVoterRoll_converterOpen(const char *name, int32_t *status);

/// Decodes bytes to UTF-8.
///
/// Converts `source[0..<sourceLength]` into `target`, which must hold at least
/// 2 * sourceLength + 8 bytes. Sets `*consumed` (source bytes used) and `*produced` (UTF-8 bytes
/// written). With `flush` == 0, an incomplete sequence at the end is kept inside the converter for
/// the next call. Returns 0 on success; returns 1 when an undecodable sequence was met: then
/// `*consumed` is the offset just past it, `*invalidLength` its length in bytes, and `*produced`
/// covers everything before it. The caller resumes with the rest of the input.
int32_t CVoterRoll_converterToUTF8(CVoterRoll_Converter *handle, const uint8_t *source,
                                   int32_t sourceLength, uint8_t *target, int32_t targetCapacity,
                                   int32_t flush, int32_t *consumed, int32_t *produced,
                                   int32_t *invalidLength, int32_t *status);
/// Encodes UTF-8 into the converter's charset; returns the length written (the needed length
/// with status 15 when it did not fit). Unmappable characters are an error (status 10).
int32_t CVoterRoll_converterFromUTF8(CVoterRoll_Converter *handle, const uint8_t *source,
                                     int32_t sourceLength, uint8_t *target, int32_t capacity,
                                     int32_t *status);
void CVoterRoll_converterReset(CVoterRoll_Converter *handle);
void CVoterRoll_converterClose(CVoterRoll_Converter *handle);

// MARK: XML reader (libxml2 xmlTextReader)

typedef struct CVoterRoll_XMLReader CVoterRoll_XMLReader;

/// Reads more input: fills `buffer` with up to `length` bytes and returns the count, 0 at the
/// end, -1 on error.
typedef int32_t (*CVoterRoll_XMLReadCallback)(void *context, uint8_t *buffer, int32_t length);

/// Opens a streaming reader with XML_PARSE_NONET, no DTD loading and no entity substitution.
/// `name` is used in messages only.
CVoterRoll_XMLReader *CVoterRoll_xmlReaderOpenFile(const char *path);
CVoterRoll_XMLReader *CVoterRoll_xmlReaderOpenMemory(const uint8_t *bytes, int32_t length,
                                                     const char *name);
CVoterRoll_XMLReader *CVoterRoll_xmlReaderOpenCallback(CVoterRoll_XMLReadCallback read,
                                                       void *context, const char *name);
/// Advances to the next node: 1 read, 0 end, -1 error (see CVoterRoll_xmlReaderError).
int32_t CVoterRoll_xmlReaderRead(CVoterRoll_XMLReader *handle);
/// libxml2's xmlReaderTypes: 1 element, 3 text, 4 CDATA, 14 significant whitespace,
/// 15 end element, 10 document type, 5 entity reference.
int32_t CVoterRoll_xmlReaderNodeType(CVoterRoll_XMLReader *handle);
int32_t CVoterRoll_xmlReaderDepth(CVoterRoll_XMLReader *handle);
int32_t CVoterRoll_xmlReaderIsEmptyElement(CVoterRoll_XMLReader *handle);
/// Borrowed UTF-8 strings, valid until the next read; NULL when absent.
const char *CVoterRoll_xmlReaderLocalName(CVoterRoll_XMLReader *handle);
const char *CVoterRoll_xmlReaderNamespaceURI(CVoterRoll_XMLReader *handle);
const char *CVoterRoll_xmlReaderValue(CVoterRoll_XMLReader *handle);
/// An attribute by local name and namespace (NULL namespace: no namespace). The caller frees
/// the result with CVoterRoll_free.
char *CVoterRoll_xmlReaderAttribute(CVoterRoll_XMLReader *handle, const char *localName,
                                    const char *namespaceURI);
/// An attribute by local name and namespace (NULL namespace: no namespace), borrowed: valid
/// until the next read or attribute call, NULL when absent. Spares the hot loops of the
/// spreadsheet readers a copy and a free per attribute.
const char *CVoterRoll_xmlReaderConstAttribute(CVoterRoll_XMLReader *handle, const char *localName,
                                               const char *namespaceURI);
/// Advances and returns the new node's type as CVoterRoll_xmlReaderNodeType does, except that
/// every kind of text (text, CDATA, whitespace) is 3: 0 at the end, -1 on error. Spares the
/// per-node blank-text scan libxml2's node type does, which the spreadsheet readers never need.
int32_t CVoterRoll_xmlReaderReadNode(CVoterRoll_XMLReader *handle);
int32_t CVoterRoll_xmlReaderLine(CVoterRoll_XMLReader *handle);
/// The first error libxml2 reported, or NULL.
const char *CVoterRoll_xmlReaderError(CVoterRoll_XMLReader *handle);
void CVoterRoll_xmlReaderClose(CVoterRoll_XMLReader *handle);

// MARK: XML push parser (libxml2 SAX2)
//
// For the one place where the pull reader is too slow: the cells of an XLSX sheet, millions per
// register. libxml2's reader builds and frees a tree node for every element; its SAX2 parser
// hands out borrowed names, attribute values and text instead, in about half the time. Same
// safety as the reader: no network, no DTD loading, no entity substitution, and a DOCTYPE stops
// the parse (status 2).

typedef struct CVoterRoll_XMLPushParser CVoterRoll_XMLPushParser;

/// Called for each start tag. `attributes` holds `attributeCount` groups of five pointers:
/// local name, prefix, namespace URI, value start, value end (the value is not NUL-terminated).
/// Names are NUL-terminated. Everything is borrowed for the length of the call.
typedef void (*CVoterRoll_XMLStartElement)(void *context, const char *localName,
                                           int32_t attributeCount, const char *const *attributes);
typedef void (*CVoterRoll_XMLEndElement)(void *context, const char *localName);
/// Text (character data, CDATA, whitespace), possibly in several calls for one text node.
typedef void (*CVoterRoll_XMLCharacters)(void *context, const uint8_t *bytes, int32_t length);

/// Opens a push parser calling back with `context`; `name` is used in messages only.
CVoterRoll_XMLPushParser *CVoterRoll_xmlPushParserOpen(CVoterRoll_XMLStartElement startElement,
                                                       CVoterRoll_XMLEndElement endElement,
                                                       CVoterRoll_XMLCharacters characters,
                                                       void *context, const char *name);
/// Parses the next bytes of the document (`last` != 0 after the final bytes, which may be none).
/// Returns 0 while well-formed, 1 when the XML is malformed (see CVoterRoll_xmlPushParserError),
/// 2 when the document declares a DOCTYPE; after a non-zero status the parser is stopped.
int32_t CVoterRoll_xmlPushParserFeed(CVoterRoll_XMLPushParser *handle, const uint8_t *bytes,
                                     int32_t length, int32_t last);
/// Stops the parse from inside a callback; the current Feed returns 1 with `message`.
void CVoterRoll_xmlPushParserStop(CVoterRoll_XMLPushParser *handle);
/// The line the parser is at (or where the error was found).
int32_t CVoterRoll_xmlPushParserLine(CVoterRoll_XMLPushParser *handle);
/// The error libxml2 reported, "line N: message", or NULL.
const char *CVoterRoll_xmlPushParserError(CVoterRoll_XMLPushParser *handle);
void CVoterRoll_xmlPushParserClose(CVoterRoll_XMLPushParser *handle);

// MARK: HTML push parser (libxml2's HTML parser, SAX)
//
// For the web pages some systems export under a .xls name: a table of <tr>s and <td>s. The
// HTML parser recovers from what browsers accept (unclosed tags, stray text), knows HTML's
// named entities itself and loads nothing (no network, no DTD). It finds the encoding from a
// byte order mark or the page's <meta charset>.

typedef struct CVoterRoll_HTMLPushParser CVoterRoll_HTMLPushParser;

/// Called for each start tag, its name lowercased; `attributes` is NULL or a NULL-terminated
/// list of name, value pairs (a value may be NULL). Everything is borrowed for the call.
typedef void (*CVoterRoll_HTMLStartElement)(void *context, const char *name,
                                            const char *const *attributes);

/// Opens an HTML push parser calling back with `context`; `name` is used in messages only.
/// `encoding` (an iconv/libxml2 name such as "UTF-8" or "GB18030") is the one to read a page in
/// that names none; NULL lets the page's byte order mark or <meta charset> decide.
CVoterRoll_HTMLPushParser *CVoterRoll_htmlPushParserOpen(CVoterRoll_HTMLStartElement startElement,
                                                         CVoterRoll_XMLEndElement endElement,
                                                         CVoterRoll_XMLCharacters characters,
                                                         void *context, const char *name,
                                                         const char *encoding);
/// Parses the next bytes (`last` != 0 after the final ones). Returns 0, or 1 when the parser
/// could not go on (out of memory, stopped).
int32_t CVoterRoll_htmlPushParserFeed(CVoterRoll_HTMLPushParser *handle, const uint8_t *bytes,
                                      int32_t length, int32_t last);
void CVoterRoll_htmlPushParserClose(CVoterRoll_HTMLPushParser *handle);

void CVoterRoll_free(void *pointer);

// MARK: Files (fs.c)

/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE): each name then holds
/// what the other held, with no moment at which either is missing. Returns 0, or the errno
/// (EINVAL or ENOSYS where the kernel or file system cannot).
int32_t CVoterRoll_exchangePaths(const char *first, const char *second);

#ifdef __cplusplus
}
#endif

#endif
