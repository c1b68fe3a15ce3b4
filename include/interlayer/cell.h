/* A thin-film cell that evolves in time (the cell/ layer, docs/cell.md).
 *
 * A 1D planar cell is a stack plus a parameter set: which stack layer is the cathode, the
 * electrolyte, the anode and each interlayer, and their transport, kinetic and thermodynamic
 * numbers. The model:
 *   electrodes   Li diffusion on finite volumes across the layer, D(theta) = D0 exp(s (theta -
 *                1/2)) exp(-Ea/kT ...) (Arrhenius about 298.15 K); or a Li metal reservoir whose
 *                thickness follows from the Li it holds;
 *   electrolyte  a single-ion conductor: ohmic, R = L / sigma(T);
 *   interfaces   symmetric Butler-Volmer, eta = 2RT/F asinh(i / 2 i0), i0 = i0_ref 2 sqrt(theta
 *                (1 - theta)) at the electrode's surface;
 *   OCV          tables with sources (data/cell/README.md) in Li per formula unit of the host;
 *   interlayers  one growth law (il_cell_growth_rate_nm_s) driven by the reaction's free energy
 *                and limited by the interlayer's ionic and electronic conduction in series; Li
 *                immobilisation during lithiation of the adjacent electrode (pluggable law).
 * The state is integrated with SUNDIALS CVODE (BDF, adaptive), with roots at cut-off voltages
 * and currents. Current > 0 charges the cell (Li leaves the cathode), as in the Battery Data
 * Format cycler records. Amounts are mol/cm2 unless named otherwise. */
#ifndef INTERLAYER_CELL_H
#define INTERLAYER_CELL_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IL_CELL_MAX_INTERLAYERS 4
#define IL_CELL_NAME_MAX 64
#define IL_CELL_T_REF_K 298.15 /* Arrhenius laws are referred to this temperature */
#define IL_GAS_CONSTANT_J_MOL_K 8.314462618 /* N_A k_B, exact (SI 2019) */

/* One electrode. `layer` names the stack layer (its formula is the host; Li per formula unit
 * x is the state). `ocv` names a table of data/cell/ocv.csv ("LiCoO2", "LiMn2O4", "Si",
 * "Li"); "Li" makes the electrode a Li metal reservoir (no diffusion; x ignored). */
typedef struct {
    char layer[IL_CELL_NAME_MAX];
    char ocv[IL_CELL_NAME_MAX];
    double li_max_per_formula;     /* x at full lithiation (LiCoO2 1, Si 3.75) */
    double li_initial_per_formula; /* x at the start */
    double diffusivity_cm2_s;      /* D at theta = 1/2 and 298.15 K */
    double diffusivity_slope;      /* s in D0 exp(s (theta - 1/2)); 0 = constant */
    double diffusion_activation_eV;
    double exchange_current_A_cm2; /* i0 at theta = 1/2 and 298.15 K */
    double kinetics_activation_eV;
    double li_metal_density_g_cm3; /* Li metal electrode only; 0 = 0.534 */
} il_cell_electrode;

typedef struct {
    char layer[IL_CELL_NAME_MAX];
    double conductivity_S_cm;   /* at 298.15 K */
    double activation_eV;
} il_cell_electrolyte;

typedef enum { IL_CELL_SIDE_ANODE = 0, IL_CELL_SIDE_CATHODE = 1 } il_cell_side;

/* An interlayer between an electrode and the electrolyte. It grows when the reaction that forms
 * it is downhill: drive = reaction_free_energy_eV / e - U_anode at the anode side (the
 * electrolyte's reduction onset vs Li/Li+ minus the electrode's potential), U_cathode -
 * reaction_free_energy_eV / e at the cathode side (the oxidation onset). Li+ and e- must both
 * cross it: the growth current is drive / (r_reaction + L / sigma_ion + r_el(L)), r_el(L) =
 * 1 / (sigma_el / L + g_tunnel exp(-L / lambda)). Each mol of Li consumed (taken from the
 * adjacent electrode) makes molar_volume cm3 of interlayer. */
typedef struct {
    char layer[IL_CELL_NAME_MAX];
    il_cell_side side;
    double ionic_conductivity_S_cm;
    double electronic_conductivity_S_cm;
    double reaction_free_energy_eV;      /* per Li, against Li metal */
    double reaction_resistance_ohm_cm2;  /* interface reaction (linear-growth) limit */
    double tunneling_conductance_S_cm2;  /* electron tunnelling through a thin film */
    double tunneling_length_nm;
    double molar_volume_cm3_mol;         /* interlayer volume per mol Li consumed */
    double activation_eV;                /* of both conductivities */
    /* Li immobilisation: this fraction of the Li entering the adjacent electrode is trapped in
     * the interlayer (the default law; il_cell_set_trap_law replaces it), up to trap_capacity
     * (0 = unlimited). */
    double trap_fraction;
    double trap_capacity_mol_cm2;
} il_cell_interlayer;

/* Contact of a Li metal electrode with the electrolyte while it is stripped (src/cell/contact.c,
 * a diagnostic: it does not feed back into the cell's voltage). Stripping removes Li from the
 * interface at i V_m / F (cm/s); creep of the Li under the stack pressure p resupplies it at
 * v = creep_length x A p^n exp(-Q / RT) (power-law creep, the stack pressure taken as the
 * stress in the Li, uniaxial). Where stripping outpaces creep, a void layer of depth h grows
 * (dh/dt = i V_m / F - v, h >= 0; creep closes it again at rest and while plating); the
 * contact fraction is 1 - h / void_height (the stated geometric assumption: voids are the
 * interface's roughness valleys of depth void_height, filled linearly) and the interface's
 * charge-transfer resistance RT / (F i0) scales with 1 / contact fraction. The stripping
 * critical current density is the current at which creep resupply equals stripping. Nothing
 * is said about plating (dendrite) limits: they are not modelled. A = 0 switches it off. */
typedef struct {
    double stack_pressure_MPa;
    double creep_prefactor_MPa_n_s;   /* A, in MPa^-n s^-1; 0: no creep data (off) */
    double creep_exponent;            /* n */
    double creep_activation_kJ_mol;   /* Q */
    double creep_length_um;           /* length over which the creep strain rate moves Li */
    double void_height_um;            /* void depth at which the contact is lost */
} il_cell_contact;

typedef struct {
    char name[128];
    double temperature_K;
    double area_cm2;               /* for currents given in A and for cycler replay */
    double contact_resistance_ohm_cm2;
    double nominal_capacity_uAh_cm2; /* what "C/5" refers to; 0 = from the cathode's window */
    il_cell_electrode cathode, anode;
    il_cell_electrolyte electrolyte;
    size_t n_interlayers;
    il_cell_interlayer interlayers[IL_CELL_MAX_INTERLAYERS];
    il_cell_contact contact;       /* Li metal electrodes only; all 0: off */
} il_cell_params;

/* Defaults (298.15 K, 1 cm2, no interlayers, empty layer names) to be filled in. */
IL_API void il_cell_params_default(il_cell_params *p);

/* ---- the growth law and the numbers that the analytic tests check ---- */

/* Growth rate of an interlayer of thickness L_nm at driving voltage drive_V (<= 0: 0) and
 * temperature T. Exactly 0 when either carrier cannot cross (sigma_ion = 0, or sigma_el = 0
 * with no tunnelling): Figure 7's type 3. Limits: reaction-limited (linear in t), transport-
 * limited (L^2 grows as t: parabolic), tunnelling-limited (L ~ lambda ln t: logarithmic). */
IL_API double il_cell_growth_rate_nm_s(const il_cell_interlayer *p, double L_nm, double drive_V,
                                       double T_K);
/* Area-specific ionic resistance L / sigma_ion of an interlayer (ohm cm2; INFINITY when
 * sigma_ion = 0). */
IL_API double il_cell_interlayer_resistance_ohm_cm2(const il_cell_interlayer *p, double L_nm,
                                                    double T_K);
/* Thickness (nm) of Li metal holding `uAh_cm2` of charge at density rho (g/cm3; 0 = 0.534). */
IL_API double il_cell_li_metal_thickness_nm(double uAh_cm2, double density_g_cm3);
/* Open-circuit potential (V vs Li/Li+) of table `material` at x Li per formula unit (linear
 * between table points, the end values outside). IL_ERR_NOT_FOUND for an unknown table. */
IL_API il_status il_cell_ocv_V(const char *material, double x, double *volts, il_error *err);

/* ---- contact and stripping critical current (src/cell/contact.c; il_cell_contact) ---- */

/* 1 when the contact diagnostic has its creep data (A > 0, n > 0, creep_length > 0,
 * void_height > 0). */
IL_API int il_cell_contact_enabled(const il_cell_contact *c);
/* Power-law creep strain rate A sigma^n exp(-Q / RT) (1/s) at stress sigma (MPa; <= 0: 0). */
IL_API double il_cell_creep_strain_rate_s(const il_cell_contact *c, double stress_MPa,
                                          double T_K);
/* Li resupply velocity to the interface by creep at the stack pressure (nm/s). */
IL_API double il_cell_creep_resupply_nm_s(const il_cell_contact *c, double T_K);
/* Recession velocity (nm/s) of a Li metal surface stripped at i (A/cm2, > 0) of density rho
 * (g/cm3; 0 = 0.534): i V_m / F. */
IL_API double il_cell_stripping_velocity_nm_s(double i_A_cm2, double density_g_cm3);
/* Stripping critical current density (A/cm2): creep resupply = stripping, at the stack
 * pressure and T. 0 at zero pressure. */
IL_API double il_cell_stripping_ccd_A_cm2(const il_cell_contact *c, double T_K,
                                          double density_g_cm3);
/* Advances the void depth *void_nm over dt_s with the stripping current strip_A_cm2 (< 0:
 * plating, treated as 0 stripping) at T; returns the contact fraction 1 - h / void_height, in
 * [0, 1] (h is capped at void_height). */
IL_API double il_cell_contact_advance(const il_cell_contact *c, double T_K, double density_g_cm3,
                                      double strip_A_cm2, double dt_s, double *void_nm);

/* The model's assumptions in one sentence, for outputs that state a critical current. */
IL_API const char *il_cell_contact_assumptions(void);

/* ---- protocols ---- */

typedef enum { IL_CELL_STEP_CURRENT = 0, IL_CELL_STEP_VOLTAGE, IL_CELL_STEP_REST } il_cell_step_kind;

/* One step. Limits: 0 / NaN where not given. A CURRENT step with c_rate != 0 takes its current
 * from the nominal capacity when run. The step ends at the first limit reached. */
typedef struct {
    il_cell_step_kind kind;
    double current_A_cm2;    /* CURRENT: > 0 charge, < 0 discharge */
    double current_A;        /* CURRENT given in A (divided by the area when run); 0 if not */
    double c_rate;           /* CURRENT given as a C-rate (signed); 0 if not */
    double voltage_V;        /* VOLTAGE: the held voltage */
    double duration_s;       /* 0: none */
    double until_voltage_V;  /* CURRENT: NaN none */
    double until_current_A_cm2; /* VOLTAGE: |I| falls below; NaN none */
    int starts_cycle;        /* 1 when a new cycle starts with this step */
    char text[160];          /* the step as written, for records */
} il_cell_step;

typedef struct il_cell_protocol il_cell_protocol;

/* Parses a protocol in the spirit of PyBaMM's experiment strings, steps separated by ';' or
 * new lines, groups repeated with "N x (...)" ("3 x (Charge at C/5 until 4.2 V; Discharge at
 * C/5 until 3.0 V)"):
 *   Charge|Discharge at <current> [until <V>] [for <time>]      current: 10 uA/cm2, 1 mA/cm2,
 *                                                               2 uA (over the area), C/5, 2C
 *   Hold at <V> [until <current>] [for <time>]                  time: 30 s, 10 min, 1 hour, 2 h
 *   Rest for <time>
 * Errors name the word at fault with its column in `text` (err->column, 1-based); `name`
 * labels the text in messages. */
IL_API il_status il_cell_protocol_parse(const char *text, const char *name,
                                        il_cell_protocol **out, il_error *err);
/* Replay of a measured record: current (A, > 0 charge) held from time_s[k] to time_s[k+1]
 * (the mean of the two ends), divided by area_cm2. n >= 2, times non-decreasing. */
IL_API il_status il_cell_protocol_from_current(const double *time_s, const double *current_A,
                                               size_t n, double area_cm2,
                                               il_cell_protocol **out, il_error *err);
IL_API void il_cell_protocol_free(il_cell_protocol *p);
/* A duration as the protocols write it ("10 min", "10min", "1 hour", "90 s"; a bare number is
 * seconds) in s, > 0. */
IL_API il_status il_cell_parse_duration_s(const char *text, double *seconds, il_error *err);
IL_API size_t il_cell_protocol_count(const il_cell_protocol *p);
IL_API const il_cell_step *il_cell_protocol_step(const il_cell_protocol *p, size_t i);

/* ---- the model and a run ---- */

typedef struct il_cell il_cell;

/* Checks the parameters against the stack (layers found, electrolyte between the electrodes,
 * each interlayer next to its electrode, numbers in range) and sets the initial state. The
 * stack is copied. Errors name the parameter at fault. */
IL_API il_status il_cell_new(const il_cell_params *p, const il_stack *stack, il_cell **out,
                             il_error *err);
IL_API void il_cell_free(il_cell *c);
IL_API const il_cell_params *il_cell_get_params(const il_cell *c);
/* Nominal capacity (uAh/cm2), what a C-rate refers to: the parameter when given, else the Li
 * of half the cathode's sites (LiCoO2 cycled between x = 1 and 0.5), or for a Li metal
 * cathode the anode's sites. */
IL_API double il_cell_nominal_capacity_uAh_cm2(const il_cell *c);

/* A replacement for the default immobilisation law: the rate (mol/cm2/s) at which Li is
 * trapped in interlayer k, given the Li flux into the adjacent electrode (mol/cm2/s, > 0 when
 * it lithiates) and the Li already trapped there. */
typedef double (*il_cell_trap_law)(void *user, size_t k, double li_in_mol_cm2_s,
                                   double trapped_mol_cm2);
IL_API void il_cell_set_trap_law(il_cell *c, il_cell_trap_law law, void *user);

/* The Li ledger (mol/cm2): where every Li of the cell is. total = cathode + anode_mobile +
 * plated + electrolyte + sum of interlayers (immobilised + reacted + initial). */
typedef struct {
    double cathode;
    double anode_mobile;        /* intercalated in the anode host */
    double plated;              /* Li metal anode: Li above its initial amount (< 0 stripped) */
    double anode_metal;         /* Li metal anode: all its Li */
    double electrolyte;
    double interlayer_immobilised[IL_CELL_MAX_INTERLAYERS];
    double interlayer_reacted[IL_CELL_MAX_INTERLAYERS]; /* consumed by growth */
    double interlayer_initial[IL_CELL_MAX_INTERLAYERS];
    double immobilised;         /* sum over interlayers */
    double total;
    double initial_total;
    double relative_error;      /* |total - initial_total| / initial_total */
    double charge_C_cm2;        /* charge passed (integral of I dt) */
    double li_moved_mol_cm2;    /* Li that left the cathode (plus its interlayers' reacted) */
    double throughput_C_cm2;    /* integral of |I| dt */
    double faraday_relative_error; /* |charge / F - li_moved| / (throughput / F) */
} il_cell_ledger;

typedef struct {
    double time_s;
    double voltage_V;
    double current_A_cm2;
    size_t step;   /* index into the protocol */
    size_t cycle;  /* 1-based */
    double thickness_nm[IL_CELL_MAX_INTERLAYERS];
    double resistance_ohm_cm2[IL_CELL_MAX_INTERLAYERS]; /* interlayers' ionic resistance */
    double electrolyte_resistance_ohm_cm2;
    double cathode_x;  /* mean Li per formula unit */
    double anode_x;    /* mean Li per formula unit (Li metal: thickness in nm) */
    il_cell_ledger ledger;
    /* Contact diagnostic of each Li metal electrode, indexed by il_cell_side (NaN when off or
     * not Li metal): void depth, contact fraction, interface resistance RT / (F i0 f). */
    double void_nm[2];
    double contact_fraction[2];
    double interface_resistance_ohm_cm2[2];
} il_cell_sample;

typedef struct {
    size_t cycle;
    double charge_uAh_cm2;     /* passed while charging */
    double discharge_uAh_cm2;  /* passed while discharging */
    double coulombic_efficiency; /* discharge / charge; NaN without charge */
    double immobilised_uAh_cm2;  /* Li trapped during the cycle */
} il_cell_cycle;

typedef void (*il_cell_progress_fn)(void *user, double t_s, double t_end_estimate_s);

typedef struct {
    size_t n_volumes;       /* finite volumes per electrode (default 20, 2..120) */
    double rtol;            /* CVODE relative tolerance (default 1e-8) */
    double save_every_s;    /* 0: save only the start and the end */
    double max_step_s;      /* 0: free */
    double max_time_s;      /* safety: a step without an end stops here (default 1e7) */
    double sample_every_s;  /* V(t), I(t) record spacing (default 60 s), plus every step's
                               start and end */
    il_cell_progress_fn progress;
    void *progress_user;
} il_cell_options;
IL_API void il_cell_options_default(il_cell_options *o);

typedef struct il_cell_result il_cell_result;

/* Runs the protocol from the cell's current state (the cell keeps the final state, so runs
 * chain). A step whose limit cannot be met stops at the cut-off it hits (a voltage limit of
 * 5.0 V on charge, 0.0 V on discharge when none given) and the protocol goes on. */
IL_API il_status il_cell_run(il_cell *c, const il_cell_protocol *p, const il_cell_options *o,
                             il_cell_result **out, il_error *err);
IL_API void il_cell_result_free(il_cell_result *r);
IL_API size_t il_cell_result_n_samples(const il_cell_result *r);
IL_API const il_cell_sample *il_cell_result_sample(const il_cell_result *r, size_t i);
/* Over all samples, the smallest contact fraction and the largest void (nm) at electrode `side`
 * (1 and 0 for a run without samples). */
IL_API void il_cell_result_contact_extremes(const il_cell_result *r, il_cell_side side,
                                            double *min_contact_fraction, double *max_void_nm);
IL_API size_t il_cell_result_n_cycles(const il_cell_result *r);
IL_API const il_cell_cycle *il_cell_result_cycle(const il_cell_result *r, size_t i);
/* Saved states (every save_every_s, and the first and last). */
IL_API size_t il_cell_result_n_states(const il_cell_result *r);
IL_API double il_cell_result_state_time_s(const il_cell_result *r, size_t k);
/* Saved state k as a stack: electrode Li as LINEAR concentration profiles (Li per formula unit
 * of the host, by depth), interlayers at their thickness holding their Li, a Li metal layer at
 * the thickness its Li makes. The NDP and reflectometry forward models take it unchanged. */
IL_API il_status il_cell_result_state_stack(const il_cell_result *r, size_t k, il_stack **out,
                                            il_error *err);
/* The names of the cell's interlayers (for column headers). */
IL_API const il_cell_params *il_cell_result_params(const il_cell_result *r);
/* The cell's current state as a stack (same form). */
IL_API il_status il_cell_stack(const il_cell *c, il_stack **out, il_error *err);

/* ---- interdiffusion during annealing (src/cell/interdiffusion.c) ----
 * One species (element Z, or isotope Z-A) diffuses across the finite layers of a stack by
 * Fick's law, D = D0 exp(-Ea / kT) in each layer (harmonic mean across an interface), through a
 * temperature programme; the outer faces are closed. The result is the stack with the species
 * as LINEAR profiles (atoms per formula unit) in every layer; for an isotope, the element's
 * other isotopes take the rest of the layer's nominal count of the element, so isotope
 * exchange (6Li/7Li in LiNbO3) keeps each layer's Li. */
typedef struct {
    double temperature_K;
    double duration_s;
} il_anneal_step;
typedef struct {
    double D0_cm2_s;     /* prefactor; 0: the species does not move in this layer */
    double activation_eV;
} il_diffusivity;
/* An annealing programme as text: "600 K for 1 hour; 300 C for 30 min" (steps separated by ';'
 * or new lines, temperatures in K or C). *steps (free()) receives *n steps; errors name the word
 * at fault with its column. */
IL_API il_status il_anneal_programme_parse(const char *text, const char *name,
                                           il_anneal_step **steps, size_t *n, il_error *err);
/* d[i] for each finite layer i of the stack (the substrate takes none). volumes_per_layer 2..120
 * (0: 40). */
IL_API il_status il_interdiffusion_run(const il_stack *s, int Z, int A, const il_diffusivity *d,
                                       const il_anneal_step *programme, size_t n_steps,
                                       size_t volumes_per_layer, il_stack **out, il_error *err);

/* ---- space charge (src/cell/space_charge.c) ----
 * Debye length of a mobile carrier of concentration c (per cm3, valence 1) in a medium of
 * relative permittivity eps_r: sqrt(eps_r eps0 kT / (e^2 c)), in nm. */
IL_API double il_debye_length_nm(double eps_r, double carriers_cm3, double T_K);

/* A space-charge layer in a Li+ conductor next to an interface (Poisson-Boltzmann with site
 * saturation): mobile Li+ of bulk concentration c_b on N sites, c(phi) = N / (1 + (N - c_b) /
 * c_b exp(e phi / kT)), a fixed background charge e c_b, and the potential step phi0 at the
 * interface (phi0 > 0 depletes Li+, < 0 accumulates it, never beyond N). Solved exactly through
 * the first integral of Poisson's equation (quadrature, no grid). */
typedef struct {
    double eps_r;
    double carriers_cm3;        /* c_b */
    double sites_cm3;           /* N > c_b; INFINITY: no saturation (Boltzmann) */
    double T_K;
    double potential_step_V;    /* phi0 */
    double conductivity_S_cm;   /* bulk ionic conductivity (proportional to c) */
} il_space_charge_params;
typedef struct {
    double debye_length_nm;        /* the formula (il_debye_length_nm) */
    double screening_length_nm;    /* small-signal decay length: lambda_D / sqrt(1 - c_b/N) */
    double excess_atoms_cm2;       /* integral of c - c_b (< 0: depleted) */
    double field_V_cm;             /* -dphi/dx at the interface */
    double resistance_ohm_cm2;     /* integral of 1/sigma(x) - 1/sigma_b */
} il_space_charge_result;
/* Fills res, and phi_V[i], c_cm3[i] at the depths x_nm[i] >= 0 (n may be 0; arrays may then be
 * NULL). IL_ERR_NUMERIC if a quadrature fails. */
IL_API il_status il_space_charge_solve(const il_space_charge_params *p, const double *x_nm,
                                       size_t n, double *phi_V, double *c_cm3,
                                       il_space_charge_result *res, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
