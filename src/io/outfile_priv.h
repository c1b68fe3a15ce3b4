/* Inside io: what a writer that goes around the stream (PLplot writes by file name) needs to
 * know about an il_outfile. */
#ifndef IL_IO_OUTFILE_PRIV_H
#define IL_IO_OUTFILE_PRIV_H
#include "interlayer/outfile.h"

/* 1 when the output is a device or FIFO written in place (no temporary, nothing to read back
 * or rename), 0 for a file written aside and renamed into place. */
int il__outfile_direct(const il_outfile *f);
#endif
