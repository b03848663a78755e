// libxml2 xmlTextReader wrappers. Readers never touch the network (XML_PARSE_NONET), never
// load a DTD and never substitute entities; external entities are refused outright by a
// process-wide entity loader, so a hostile file cannot make us read local files either.
#include "CVoterRoll.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
