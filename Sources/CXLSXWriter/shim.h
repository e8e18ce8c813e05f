// libxlsxwriter 1.1.4 (Debian libxlsxwriter-dev). The only C door into the XLSX writer:
// only Sources/XLSXWriter imports it, and only NativeWorkbook and LibraryError call it.
#ifndef CONNPLAN_CXLSXWRITER_SHIM_H
#define CONNPLAN_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
