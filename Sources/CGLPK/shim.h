// GLPK 5.0 (libglpk-dev). Everything Swift needs from glpk.h; the only C door into the solver.
#ifndef CONNPLAN_CGLPK_SHIM_H
#define CONNPLAN_CGLPK_SHIM_H
#include <glpk.h>
#endif
