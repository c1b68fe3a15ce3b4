/* Body of the vectorised Abeles block kernel, included by refl_abeles_simd.c once per
 * instruction set with these macros defined:
 *   KNAME     function name          W       lanes per vector (4 AVX2, 8 AVX-512)
 *   VEXP(x)   vector exp             VSINCOS(x, s, c)  vector sine and cosine
 *   VSQRT(x)  vector sqrt
 * The algebra is exactly that of il_refl_abeles_block in refl_abeles.c (read that first); only
 * the branches became lane masks. IL_REFL_BLOCK / W vectors are processed side by side. */

typedef double KV __attribute__((vector_size(W * 8)));
typedef long long KM __attribute__((vector_size(W * 8)));

#define G (IL_REFL_BLOCK / W)
#define SEL(mask, a, b) ((KV)(((KM)(a) & (mask)) | ((KM)(b) & ~(mask))))

static void KNAME(const il_refl_slab *s, size_t n, const double *q, size_t m, double *R)
{
    KV q2[G], knr[G], kni[G], kjr[G], kji[G], ur[G], ui[G], wr[G], wi[G];
    const KV zero = {0}, one = zero + 1.0, half = zero + 0.5;
    const double rho0 = s[0].sld_re_1e6;
    for (int g = 0; g < G; g++)
        for (int l = 0; l < W; l++) {
            size_t b = (size_t)(g * W + l);
            double qb = b < m ? q[b] : q[0];
            q2[g][l] = 0.25 * qb * qb;
        }
#define CSQRT(x, bb, re, im)                                                                   \
    do {                                                                                       \
        KV mm_ = VSQRT((x) * (x) + (bb) * (bb));                                               \
        KM pos_ = (x) >= zero;                                                                 \
        KV ax_ = SEL(pos_, (x), -(x));                                                         \
        KV t_ = VSQRT(half * (mm_ + ax_));                                                     \
        KM tz_ = t_ == zero;                                                                   \
        KV other_ = half * (bb) / SEL(tz_, one, t_); /* b >= 0 always: |b| = b */              \
        (re) = SEL(pos_, t_, other_);                                                          \
        (im) = SEL(pos_, other_, t_);                                                          \
    } while (0)
    {
        double a = -IL_REFL_FOURPI_E6 * (s[n - 1].sld_re_1e6 - rho0);
        double bi = n - 1 == 0 ? 0.0 : IL_REFL_FOURPI_E6 * s[n - 1].sld_im_1e6 + 0.0;
        KV bv = zero + (bi > 0.0 ? bi : 0.0);
        for (int g = 0; g < G; g++) {
            KV x = q2[g] + a;
            CSQRT(x, bv, knr[g], kni[g]);
            ur[g] = one;
            ui[g] = zero;
            wr[g] = zero;
            wi[g] = zero;
        }
    }
    for (size_t jj = n - 1; jj-- > 0;) {
        const size_t j = jj;
        const double imj = j == 0 ? 0.0 : s[j].sld_im_1e6;
        const double imn = s[j + 1].sld_im_1e6;
        const double a = -IL_REFL_FOURPI_E6 * (s[j].sld_re_1e6 - rho0);
        const double bi = IL_REFL_FOURPI_E6 * imj + 0.0;
        const double dr = IL_REFL_FOURPI_E6 * (s[j + 1].sld_re_1e6 - s[j].sld_re_1e6);
        const double di = -IL_REFL_FOURPI_E6 * (imn - imj);
        const double sig2 = s[j + 1].roughness_A * s[j + 1].roughness_A;
        const int has_phase = j + 1 < n - 1;
        const double d2 = 2.0 * s[j + 1].thickness_A;
        const KV bv = zero + (bi > 0.0 ? bi : 0.0);
        for (int g = 0; g < G; g++) {
            if (j == 0) {
                kjr[g] = VSQRT(q2[g]);
                kji[g] = zero;
            } else if (bi > 0.0) {
                KV x = q2[g] + a;
                CSQRT(x, bv, kjr[g], kji[g]);
            } else {
                /* no absorption: k is sqrt(x) (x >= 0) or i sqrt(-x); one root, no division */
                KV x = q2[g] + a;
                KM pos = x >= zero;
                KV t = VSQRT(SEL(pos, x, -x));
                kjr[g] = SEL(pos, t, zero);
                kji[g] = SEL(pos, zero, t);
            }
            KV sr = kjr[g] + knr[g], si = kji[g] + kni[g];
            KV s2r = sr * sr - si * si, s2i = 2.0 * sr * si;
            KV den = s2r * s2r + s2i * s2i;
            KM dz = den == zero;
            KV inv = one / SEL(dz, one, den);
            KV rr = SEL(dz, zero, (dr * s2r + di * s2i) * inv);
            KV ri = SEL(dz, zero, (di * s2r - dr * s2i) * inv);
            if (sig2 > 0.0) {
                KV pr = kjr[g] * knr[g] - kji[g] * kni[g];
                KV pi = kjr[g] * kni[g] + kji[g] * knr[g];
                KV mag = VEXP(-2.0 * sig2 * pr), sn, c, ph = -2.0 * sig2 * pi;
                /* Above the critical edges the Nevot-Croce phase is tiny (absorption only);
                 * there Taylor series to x^7 / x^8 are exact to < 1e-28 and much cheaper. */
                KM small = (ph < 1e-3) & (ph > -1e-3);
                int all_small = 1;
                for (int l = 0; l < W; l++)
                    all_small &= small[l] != 0;
                if (all_small) {
                    KV x2 = ph * ph;
                    sn = ph * (1.0 - x2 * (1.0 / 6 - x2 * (1.0 / 120 - x2 * (1.0 / 5040))));
                    c = 1.0 - x2 * (0.5 - x2 * (1.0 / 24 - x2 * (1.0 / 720 - x2 * (1.0 / 40320))));
                } else {
                    VSINCOS(ph, sn, c);
                }
                c *= mag;
                sn *= mag;
                KV t = rr * c - ri * sn;
                ri = rr * sn + ri * c;
                rr = t;
            }
            KV xr = wr[g], xi = wi[g];
            if (has_phase) {
                /* no absorption and above the edge: Im k = 0 and the decay factor is 1 */
                KM nz = kni[g] != zero;
                int any = 0;
                for (int l = 0; l < W; l++)
                    any |= nz[l] != 0;
                KV mag = any ? VEXP(-d2 * kni[g]) : one, sn, c;
                VSINCOS(d2 * knr[g], sn, c);
                c *= mag;
                sn *= mag;
                KV t = xr * c - xi * sn;
                xi = xr * sn + xi * c;
                xr = t;
            }
            KV nur = ur[g] + rr * xr - ri * xi, nui = ui[g] + rr * xi + ri * xr;
            KV nwr = xr + rr * ur[g] - ri * ui[g], nwi = xi + rr * ui[g] + ri * ur[g];
            ur[g] = nur;
            ui[g] = nui;
            wr[g] = nwr;
            wi[g] = nwi;
            knr[g] = kjr[g];
            kni[g] = kji[g];
        }
        if ((j & 15) == 0) {
            for (int g = 0; g < G; g++) {
                KV ar = SEL(ur[g] >= zero, ur[g], -ur[g]), ai = SEL(ui[g] >= zero, ui[g], -ui[g]);
                KV sc = ar + ai;
                KM ok = (sc > zero) & (sc < 1e300);
                KV f = SEL(ok, one / SEL(ok, sc, one), one);
                ur[g] *= f;
                ui[g] *= f;
                wr[g] *= f;
                wi[g] *= f;
            }
        }
    }
    for (int g = 0; g < G; g++) {
        KV r = (wr[g] * wr[g] + wi[g] * wi[g]) / (ur[g] * ur[g] + ui[g] * ui[g]);
        for (int l = 0; l < W; l++) {
            size_t b = (size_t)(g * W + l);
            if (b < m)
                R[b] = r[l];
        }
    }
#undef CSQRT
}

#undef G
#undef SEL
