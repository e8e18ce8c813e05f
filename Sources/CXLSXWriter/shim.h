// libxlsxwriter (Debian libxlsxwriter-dev). The only C door into the XLSX writer.
#ifndef CONNPLAN_CXLSXWRITER_SHIM_H
#define CONNPLAN_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
