/* What the IDF reader and writer (iba_idf_read.c, iba_idf_write.c) share: the namespaces and
 * interlayer's own extension elements. */
#ifndef IL_IO_IBA_IDF_PRIV_H
#define IL_IO_IBA_IDF_PRIV_H

#define IL_IDF_NS "http://idf.schemas.itn.pt"
#define IL_IDF_SIMNRA_NS "http://www.simnra.com/simnra"
/* interlayer's extension (layer name, density, substrate, options SIMNRA keeps elsewhere):
 * other readers skip elements of a namespace they do not know */
#define IL_IDF_IL_NS "https://interlayer.invalid/idf"
/* A layer without a density in the file gets this many atoms per cm3 (a typical solid), so
 * that nm can be shown; what IBA computes depends on 1e15 at/cm2 only. */
#define IL_IDF_NOMINAL_ATOMS_CM3 6.0e22
/* The areal density a substrate is written with (SIMNRA's layers are all finite): thicker than
 * any MeV ion's range. */
#define IL_IDF_SUBSTRATE_TFU 1.0e6
/* SIMNRA's layer roughness is the FWHM of the thickness distribution; the stack keeps its
 * standard deviation: FWHM = 2 sqrt(2 ln 2) sigma. */
#define IL_IDF_FWHM_PER_SIGMA 2.3548200450309493

#endif
