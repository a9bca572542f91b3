// CBC's C interface (coinor-libcbc-dev), for the optimiser's call-up MILP.
#include <coin/Cbc_C_Interface.h>
