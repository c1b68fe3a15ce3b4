/* Which technique sees my interface: the capability map of the review's Table 3 and Figure 29
 * (data/advise/techniques.csv), and the advisor that turns it into verdicts for one stack,
 * one interface and one question (advise_run.c). */
#ifndef INTERLAYER_ADVISE_H
#define INTERLAYER_ADVISE_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One technique as the review describes it. Levels: 0 none, 1 low, 2 high. Lengths in nm. */
typedef struct {
    const char *id;     /* "xps", "tof-sims", "ndp", ... */
    const char *name;   /* "Etched-XPS" */
    const char *family; /* sputter, ablation, iba, electron, xray, neutron */
    int li_sensitive, isotope_sensitive, chemical_state, structure;
    int destructive, operando; /* 0/1 */
    double depth_res_min_nm, depth_res_max_nm;
    double lateral_res_min_nm, lateral_res_max_nm;
    double probe_depth_max_nm; /* seen without removing material */
    const char *capability, *sample_requirement, *limitation;
    const char *section; /* the review's section the row comes from */
} il_technique;

/* The table: count, row i (NULL out of range), and a row by id (case-insensitive). An unknown id
 * is IL_ERR_NOT_FOUND with the list of known ids in the message. */
IL_API size_t il_technique_count(void);
IL_API const il_technique *il_technique_get(size_t i);
IL_API il_status il_technique_find(const char *id, const il_technique **out, il_error *err);

/* ---- the advisor ------------------------------------------------------------------------- */

/* What the user wants to learn about the interface (bits, combine with |). */
enum {
    IL_WANT_LI_AMOUNT = 1,  /* how much Li sits in the interlayer */
    IL_WANT_LI_PROFILE = 2, /* the Li depth profile across it, at the wanted resolution */
    IL_WANT_CHEMISTRY = 4,  /* chemical / oxidation state */
    IL_WANT_STRUCTURE = 8,  /* crystal structure, strain, phases */
    IL_WANT_THICKNESS = 16  /* the interlayer's thickness, density, roughness */
};

/* Reads "li-amount,li-profile,chemistry,structure,thickness" (any subset, comma separated;
 * "operando" in the list sets *operando = 1). One clear line for an unknown word. */
IL_API il_status il_advise_wants_parse(const char *text, unsigned *wants, int *operando,
                                       il_error *err);

typedef struct {
    unsigned wants;              /* IL_WANT_*; default IL_WANT_LI_PROFILE */
    int operando;                /* the answer must come from a working cell; default 0 */
    double resolution_nm;        /* depth resolution wanted at the interface; default 10 */
    double interlayer_nm;        /* assumed interlayer thickness (the Li to count); default 10 */
    /* NDP */
    double ndp_fluence_rate_n_cm2_s; /* default 1e9 (il_ndp_instrument_default) */
    double precision;            /* relative counting precision wanted; default 0.05 */
    double max_time_s;           /* longest acceptable measurement (one spectrum when operando);
                                    0: 900 s operando, 86400 s otherwise */
    /* sputter profiles: sputter-induced roughening, σ grows by this fraction of the sputtered
     * depth (1 % amorphous with rotation .. 10 % polycrystalline static, Hofmann 1998) */
    double sputter_roughening;   /* default 0.03 */
    /* electron holography */
    double eh_potential_V;       /* potential step across the space-charge layer; default 0.1 */
    double eh_lamella_nm;        /* lamella thickness; default 100 (review: < 100 nm) */
    double eh_voltage_kV;        /* default 300 */
    double eh_phase_resolution_rad; /* default 2π/100 */
    const double *eh_profile_V;  /* a space-charge potential profile (V) to use instead of
                                    eh_potential_V: its largest step counts; NULL: none */
    size_t eh_profile_n;
} il_advise_options;

IL_API void il_advise_options_default(il_advise_options *o);

typedef enum {
    IL_VERDICT_WORKS = 0,
    IL_VERDICT_MARGINAL,
    IL_VERDICT_CANNOT,
    IL_VERDICT_NOT_COMPUTED /* the physics for it is not in the library yet */
} il_verdict;

IL_API const char *il_verdict_name(il_verdict v); /* "works", "marginal", "cannot", "not yet computed" */

#define IL_ADVICE_TEXT 320

typedef struct {
    const il_technique *technique;
    il_verdict verdict;
    char decides[IL_ADVICE_TEXT]; /* the number that decides it */
    char change[IL_ADVICE_TEXT];  /* what to change to make it work ("" when nothing helps or
                                     nothing is needed) */
    char caveat[IL_ADVICE_TEXT];  /* the review's caveats for this technique */
    double depth_resolution_nm;   /* at the interface; NaN where not computed */
    double reach;                 /* signal share from the interface (e^-τ), or the exit energy
                                     of the deciding particle (NDP, keV); NaN where not used */
    int by_table;                 /* 1 when the capability table alone rules it out (blind to
                                     what is wanted, or not operando), not this stack's physics */
} il_advice;

typedef struct {
    size_t n;
    il_advice *items;             /* ranked: works first, then marginal, cannot, not computed */
    double interface_depth_nm;    /* depth of the interface below the surface */
    size_t upper;                 /* the interface lies between layers upper and upper + 1 */
} il_advice_list;

/* Finds the interface "A/B" (layer names or materials, either order, adjacent layers). An
 * interface not in the stack is IL_ERR_NOT_FOUND naming the interfaces it has. */
IL_API il_status il_advise_find_interface(const il_stack *s, const char *spec, size_t *upper,
                                          il_error *err);

/* Every technique of the table judged for this stack, interface and question. */
IL_API il_status il_advise_run(const il_stack *s, const char *interface,
                               const il_advise_options *o, il_advice_list **out, il_error *err);
IL_API void il_advice_list_free(il_advice_list *l);
/* The entry of one technique (NULL when absent). */
IL_API const il_advice *il_advice_list_find(const il_advice_list *l, const char *id);

/* Electron-optical interaction constant C_E (rad per V per m) at acceleration voltage
 * voltage_kV: the phase an electron gains per volt of potential per metre of path,
 * C_E = (2π/λ) (E + E0) / (E (E + 2 E0)), E = eV the kinetic energy, E0 = m c². */
IL_API double il_electron_interaction_constant(double voltage_kV);

/* The phase profile a lamella of thickness lamella_nm imposes on the electron wave across a
 * given electrostatic potential profile (n values, V): φ_i = C_E V_i t (projection through a
 * uniform lamella; fringing fields outside it are not included). *step_rad (may be NULL): the
 * largest phase difference across the profile, what holography has to resolve. */
IL_API il_status il_electron_holography_phase(const double *potential_V, size_t n,
                                              double lamella_nm, double voltage_kV,
                                              double *phase_rad, double *step_rad,
                                              il_error *err);

/* Depth resolution against depth for the report: one curve per technique and particle (NDP
 * alpha and triton from the NDP model of this stack; etched XPS and ToF-SIMS from the MRI
 * function with the sputter roughening of the options; the information depths of lab XPS and
 * HAXPES in the top layer as flat lines; 2 MeV 4He RBS at the edge of each layer's heaviest
 * element and He-ERDA of Li), at n depths from 0 to the stack's thickness. NaN where
 * the technique sees nothing from that depth. */
typedef struct {
    char label[64];
    size_t n;
    double *depth_nm;
    double *value; /* depth resolution FWHM (nm), or a signal (il_advise_li_signals) */
} il_advise_curve;

typedef struct {
    size_t n;
    il_advise_curve *curves;
} il_advise_curves;

IL_API il_status il_advise_resolution_curves(const il_stack *s, const il_advise_options *o,
                                             size_t n, il_advise_curves **out, il_error *err);
IL_API void il_advise_curves_free(il_advise_curves *c);

/* Predicted Li signals against depth for the report: the true Li atomic fraction of the stack
 * and the etched-XPS and ToF-SIMS sputter profiles of it (MRI function with the roughness the
 * sputter front has reached at depth_nm, e.g. the interface's), at n depths over the stack. */
IL_API il_status il_advise_li_signals(const il_stack *s, const il_advise_options *o,
                                      double depth_nm, size_t n, il_advise_curves **out,
                                      il_error *err);

#ifdef __cplusplus
}
#endif
#endif
