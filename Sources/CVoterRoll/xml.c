// libxml2 xmlTextReader wrappers. Readers never touch the network (XML_PARSE_NONET), never
// load a DTD and never substitute entities; external entities are refused outright by a
// process-wide entity loader, so a hostile file cannot make us read local files either.
#include "CVoterRoll.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

struct CVoterRoll_XMLReader {
    xmlTextReaderPtr reader;
    char *error;
    CVoterRoll_XMLReadCallback read;
    void *context;
};

static const int readerOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

static xmlParserInputPtr refuseExternalEntity(const char *url, const char *id,
                                              xmlParserCtxtPtr context) {
    (void)url;
    (void)id;
    (void)context;
    return NULL;
}

static pthread_once_t setupOnce = PTHREAD_ONCE_INIT;

static void setup(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuseExternalEntity);
}

static void recordError(void *userData, xmlErrorPtr error) {
    CVoterRoll_XMLReader *handle = userData;
    if (handle == NULL || error == NULL || handle->error != NULL) return;
    const char *message = error->message != NULL ? error->message : "malformed XML";
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) length--;
    char *copy = malloc(length + 48);
    if (copy == NULL) return;
    snprintf(copy, length + 48, "line %d: %.*s", error->line, (int)length, message);
    handle->error = copy;
}

static CVoterRoll_XMLReader *wrap(xmlTextReaderPtr reader, CVoterRoll_XMLReader *handle) {
    if (reader == NULL) {
        free(handle);
        return NULL;
    }
    handle->reader = reader;
    xmlTextReaderSetStructuredErrorHandler(reader, recordError, handle);
    return handle;
}

CVoterRoll_XMLReader *CVoterRoll_xmlReaderOpenFile(const char *path) {
    pthread_once(&setupOnce, setup);
    CVoterRoll_XMLReader *handle = calloc(1, sizeof *handle);
    if (handle == NULL) return NULL;
    return wrap(xmlReaderForFile(path, NULL, readerOptions), handle);
}

CVoterRoll_XMLReader *CVoterRoll_xmlReaderOpenMemory(const uint8_t *bytes, int32_t length,
                                                     const char *name) {
    pthread_once(&setupOnce, setup);
    CVoterRoll_XMLReader *handle = calloc(1, sizeof *handle);
    if (handle == NULL) return NULL;
    return wrap(xmlReaderForMemory((const char *)bytes, length, name, NULL, readerOptions), handle);
}

static int readThroughCallback(void *context, char *buffer, int length) {
    CVoterRoll_XMLReader *handle = context;
    return handle->read(handle->context, (uint8_t *)buffer, length);
}

static int closeNothing(void *context) {
    (void)context;
    return 0;
}

CVoterRoll_XMLReader *CVoterRoll_xmlReaderOpenCallback(CVoterRoll_XMLReadCallback read,
                                                       void *context, const char *name) {
    pthread_once(&setupOnce, setup);
    CVoterRoll_XMLReader *handle = calloc(1, sizeof *handle);
    if (handle == NULL) return NULL;
    handle->read = read;
    handle->context = context;
    return wrap(xmlReaderForIO(readThroughCallback, closeNothing, handle, name, NULL, readerOptions),
                handle);
}

int32_t CVoterRoll_xmlReaderRead(CVoterRoll_XMLReader *handle) {
    int result = xmlTextReaderRead(handle->reader);
    if (result < 0 && handle->error == NULL) {
        handle->error = strdup("malformed XML");
    }
    return result;
}

int32_t CVoterRoll_xmlReaderNodeType(CVoterRoll_XMLReader *handle) {
    return xmlTextReaderNodeType(handle->reader);
}

int32_t CVoterRoll_xmlReaderDepth(CVoterRoll_XMLReader *handle) {
    return xmlTextReaderDepth(handle->reader);
}

int32_t CVoterRoll_xmlReaderIsEmptyElement(CVoterRoll_XMLReader *handle) {
    return xmlTextReaderIsEmptyElement(handle->reader);
}

const char *CVoterRoll_xmlReaderLocalName(CVoterRoll_XMLReader *handle) {
    return (const char *)xmlTextReaderConstLocalName(handle->reader);
}

const char *CVoterRoll_xmlReaderNamespaceURI(CVoterRoll_XMLReader *handle) {
    return (const char *)xmlTextReaderConstNamespaceUri(handle->reader);
}

const char *CVoterRoll_xmlReaderValue(CVoterRoll_XMLReader *handle) {
    return (const char *)xmlTextReaderConstValue(handle->reader);
}

char *CVoterRoll_xmlReaderAttribute(CVoterRoll_XMLReader *handle, const char *localName,
                                    const char *namespaceURI) {
    xmlChar *value;
    if (namespaceURI == NULL) {
        value = xmlTextReaderGetAttribute(handle->reader, (const xmlChar *)localName);
    } else {
        value = xmlTextReaderGetAttributeNs(handle->reader, (const xmlChar *)localName,
                                            (const xmlChar *)namespaceURI);
    }
    if (value == NULL) return NULL;
    char *copy = strdup((const char *)value);
    xmlFree(value);
    return copy;
}

const char *CVoterRoll_xmlReaderConstAttribute(CVoterRoll_XMLReader *handle, const char *localName,
                                               const char *namespaceURI) {
    int found;
    if (namespaceURI == NULL) {
        found = xmlTextReaderMoveToAttribute(handle->reader, (const xmlChar *)localName);
    } else {
        found = xmlTextReaderMoveToAttributeNs(handle->reader, (const xmlChar *)localName,
                                               (const xmlChar *)namespaceURI);
    }
    if (found != 1) return NULL;
    // The value is the attribute's own text node (or the reader's buffer when the value has
    // several parts); both outlive the move back to the element until the next read.
    const xmlChar *value = xmlTextReaderConstValue(handle->reader);
    xmlTextReaderMoveToElement(handle->reader);
    return (const char *)value;
}

int32_t CVoterRoll_xmlReaderReadNode(CVoterRoll_XMLReader *handle) {
    int32_t result = CVoterRoll_xmlReaderRead(handle);
    if (result != 1) return result < 0 ? -1 : 0;
    xmlNodePtr node = xmlTextReaderCurrentNode(handle->reader);
    if (node != NULL && (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)) {
        return 3;
    }
    return xmlTextReaderNodeType(handle->reader);
}

int32_t CVoterRoll_xmlReaderLine(CVoterRoll_XMLReader *handle) {
    return xmlTextReaderGetParserLineNumber(handle->reader);
}

const char *CVoterRoll_xmlReaderError(CVoterRoll_XMLReader *handle) { return handle->error; }

void CVoterRoll_xmlReaderClose(CVoterRoll_XMLReader *handle) {
    if (handle == NULL) return;
    xmlFreeTextReader(handle->reader);
    free(handle->error);
    free(handle);
}

// MARK: Push parser

struct CVoterRoll_XMLPushParser {
    xmlParserCtxtPtr context;
    xmlSAXHandler sax;
    CVoterRoll_XMLStartElement startElement;
    CVoterRoll_XMLEndElement endElement;
    CVoterRoll_XMLCharacters characters;
    void *callbackContext;
    char *name;
    char *error;
    int doctype;
};

static void pushStartElement(void *user, const xmlChar *localName, const xmlChar *prefix,
                             const xmlChar *uri, int namespaceCount, const xmlChar **namespaces,
                             int attributeCount, int defaultedCount, const xmlChar **attributes) {
    (void)prefix;
    (void)uri;
    (void)namespaceCount;
    (void)namespaces;
    (void)defaultedCount;
    CVoterRoll_XMLPushParser *handle = ((xmlParserCtxtPtr)user)->_private;
    handle->startElement(handle->callbackContext, (const char *)localName, attributeCount,
                         (const char *const *)attributes);
}

static void pushEndElement(void *user, const xmlChar *localName, const xmlChar *prefix,
                           const xmlChar *uri) {
    (void)prefix;
    (void)uri;
    CVoterRoll_XMLPushParser *handle = ((xmlParserCtxtPtr)user)->_private;
    handle->endElement(handle->callbackContext, (const char *)localName);
}

static void pushCharacters(void *user, const xmlChar *bytes, int length) {
    CVoterRoll_XMLPushParser *handle = ((xmlParserCtxtPtr)user)->_private;
    handle->characters(handle->callbackContext, bytes, length);
}

static void pushDoctype(void *user, const xmlChar *name, const xmlChar *externalID,
                        const xmlChar *systemID) {
    (void)name;
    (void)externalID;
    (void)systemID;
    xmlParserCtxtPtr context = user;
    CVoterRoll_XMLPushParser *handle = context->_private;
    handle->doctype = 1;
    xmlStopParser(context);
}

static void pushRecordError(void *user, xmlErrorPtr error) {
    xmlParserCtxtPtr context = user;
    CVoterRoll_XMLPushParser *handle = context->_private;
    if (handle == NULL || error == NULL || handle->error != NULL) return;
    if (error->level < XML_ERR_ERROR) return;
    const char *message = error->message != NULL ? error->message : "malformed XML";
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) length--;
    char *copy = malloc(length + 48);
    if (copy == NULL) return;
    snprintf(copy, length + 48, "line %d: %.*s", error->line, (int)length, message);
    handle->error = copy;
}

CVoterRoll_XMLPushParser *CVoterRoll_xmlPushParserOpen(CVoterRoll_XMLStartElement startElement,
                                                       CVoterRoll_XMLEndElement endElement,
                                                       CVoterRoll_XMLCharacters characters,
                                                       void *context, const char *name) {
    pthread_once(&setupOnce, setup);
    CVoterRoll_XMLPushParser *handle = calloc(1, sizeof *handle);
    if (handle == NULL) return NULL;
    handle->startElement = startElement;
    handle->endElement = endElement;
    handle->characters = characters;
    handle->callbackContext = context;
    handle->name = strdup(name != NULL ? name : "XML");
    // Only the handlers below: no entity declarations are kept and no entity is ever looked up,
    // so a reference to anything but the five predefined entities is an error.
    handle->sax.initialized = XML_SAX2_MAGIC;
    handle->sax.startElementNs = pushStartElement;
    handle->sax.endElementNs = pushEndElement;
    handle->sax.characters = pushCharacters;
    handle->sax.cdataBlock = pushCharacters;
    handle->sax.ignorableWhitespace = pushCharacters;
    handle->sax.internalSubset = pushDoctype;
    handle->sax.serror = pushRecordError;
    return handle;
}

int32_t CVoterRoll_xmlPushParserFeed(CVoterRoll_XMLPushParser *handle, const uint8_t *bytes,
                                     int32_t length, int32_t last) {
    if (handle->doctype) return 2;
    if (handle->error != NULL) return 1;
    if (handle->context == NULL) {
        // Created on the first four bytes, from which libxml2 detects the encoding.
        int32_t head = length < 4 ? length : 4;
        handle->context = xmlCreatePushParserCtxt(&handle->sax, NULL, (const char *)bytes, head,
                                                  handle->name);
        if (handle->context == NULL) {
            handle->error = strdup("cannot create an XML parser");
            return 1;
        }
        handle->context->_private = handle;
        xmlCtxtUseOptions(handle->context, readerOptions);
        bytes += head;
        length -= head;
    }
    int status = xmlParseChunk(handle->context, (const char *)bytes, length, last);
    if (handle->doctype) return 2;
    if (status != 0 || handle->error != NULL || !handle->context->wellFormed) {
        if (handle->error == NULL) handle->error = strdup("malformed XML");
        return 1;
    }
    return 0;
}

void CVoterRoll_xmlPushParserStop(CVoterRoll_XMLPushParser *handle) {
    if (handle->context != NULL) xmlStopParser(handle->context);
}

int32_t CVoterRoll_xmlPushParserLine(CVoterRoll_XMLPushParser *handle) {
    if (handle->context == NULL || handle->context->input == NULL) return 0;
    return handle->context->input->line;
}

const char *CVoterRoll_xmlPushParserError(CVoterRoll_XMLPushParser *handle) { return handle->error; }

void CVoterRoll_xmlPushParserClose(CVoterRoll_XMLPushParser *handle) {
    if (handle == NULL) return;
    if (handle->context != NULL) {
        if (handle->context->myDoc != NULL) xmlFreeDoc(handle->context->myDoc);
        xmlFreeParserCtxt(handle->context);
    }
    free(handle->name);
    free(handle->error);
    free(handle);
}

// MARK: HTML push parser

struct CVoterRoll_HTMLPushParser {
    htmlParserCtxtPtr context;
    htmlSAXHandler sax;
    CVoterRoll_HTMLStartElement startElement;
    CVoterRoll_XMLEndElement endElement;
    CVoterRoll_XMLCharacters characters;
    void *callbackContext;
    char *name;
    char *encoding;
};

static void htmlStart(void *user, const xmlChar *name, const xmlChar **attributes) {
    CVoterRoll_HTMLPushParser *handle = ((htmlParserCtxtPtr)user)->_private;
    handle->startElement(handle->callbackContext, (const char *)name, (const char *const *)attributes);
}

static void htmlEnd(void *user, const xmlChar *name) {
    CVoterRoll_HTMLPushParser *handle = ((htmlParserCtxtPtr)user)->_private;
    handle->endElement(handle->callbackContext, (const char *)name);
}

static void htmlCharacters(void *user, const xmlChar *bytes, int length) {
    CVoterRoll_HTMLPushParser *handle = ((htmlParserCtxtPtr)user)->_private;
    handle->characters(handle->callbackContext, bytes, length);
}

static void htmlQuiet(void *user, const char *message, ...) {
    (void)user;
    (void)message;
}

CVoterRoll_HTMLPushParser *CVoterRoll_htmlPushParserOpen(CVoterRoll_HTMLStartElement startElement,
                                                         CVoterRoll_XMLEndElement endElement,
                                                         CVoterRoll_XMLCharacters characters,
                                                         void *context, const char *name,
                                                         const char *encoding) {
    pthread_once(&setupOnce, setup);
    CVoterRoll_HTMLPushParser *handle = calloc(1, sizeof *handle);
    if (handle == NULL) return NULL;
    handle->startElement = startElement;
    handle->endElement = endElement;
    handle->characters = characters;
    handle->callbackContext = context;
    handle->name = strdup(name != NULL ? name : "HTML");
    handle->encoding = encoding != NULL ? strdup(encoding) : NULL;
    // SAX1-style handlers, as the HTML parser calls them; no tree is built.
    handle->sax.startElement = htmlStart;
    handle->sax.endElement = htmlEnd;
    handle->sax.characters = htmlCharacters;
    handle->sax.cdataBlock = htmlCharacters;
    handle->sax.ignorableWhitespace = htmlCharacters;
    handle->sax.warning = htmlQuiet;
    handle->sax.error = htmlQuiet;
    return handle;
}

int32_t CVoterRoll_htmlPushParserFeed(CVoterRoll_HTMLPushParser *handle, const uint8_t *bytes,
                                      int32_t length, int32_t last) {
    if (handle->context == NULL) {
        int32_t head = length < 4 ? length : 4;
        handle->context = htmlCreatePushParserCtxt(&handle->sax, NULL, (const char *)bytes, head,
                                                   handle->name, XML_CHAR_ENCODING_NONE);
        if (handle->context == NULL) return 1;
        handle->context->_private = handle;
        htmlCtxtUseOptions(handle->context, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                                HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                                                HTML_PARSE_COMPACT);
        // A page that names no encoding is read in the one its bytes showed (the caller's).
        if (handle->encoding != NULL) {
            xmlCharEncodingHandlerPtr encoder = xmlFindCharEncodingHandler(handle->encoding);
            if (encoder != NULL) xmlSwitchToEncoding(handle->context, encoder);
        }
        bytes += head;
        length -= head;
    }
    htmlParseChunk(handle->context, (const char *)bytes, length, last);
    return handle->context->disableSAX == 2 ? 1 : 0;
}

void CVoterRoll_htmlPushParserClose(CVoterRoll_HTMLPushParser *handle) {
    if (handle == NULL) return;
    if (handle->context != NULL) {
        if (handle->context->myDoc != NULL) xmlFreeDoc(handle->context->myDoc);
        htmlFreeParserCtxt(handle->context);
    }
    free(handle->name);
    free(handle->encoding);
    free(handle);
}
