/* The cell model's insides, shared by the files of src/cell/ (internal, not exported). */
#ifndef IL_CELL_INTERNAL_H
#define IL_CELL_INTERNAL_H
#include <stddef.h>

#include "interlayer/cell.h"

#define IL_CELL_MAX_VOLUMES 120

/* An electrode resolved against the stack. Intercalation: the state is theta (x / x_max) in
 * n_vol finite volumes, volume 0 at the electrolyte; metal: one state, Li mol/cm2. */
typedef struct {
    const il_cell_electrode *p;
    size_t layer;           /* index in the stack */
    int metal;
    int electrolyte_below;  /* 1: the electrolyte is below (deeper than) this layer */
    double thickness_cm;
    double c_max_mol_cm3;   /* Li sites: x_max formula units' worth */
    double fu_cm3;          /* formula units per cm3 of the host */
    size_t ocv_first, ocv_n; /* rows of il_tab_ocv */
    size_t y0;              /* first state index */
    size_t n;               /* states */
    double metal_molar_volume_cm3; /* Li metal: M / rho */
} il_cell_elec;

typedef struct {
    const il_cell_interlayer *p;
    size_t layer;
    double L0_nm;
    double fu_cm3;          /* formula units per cm3 of its material, for the stack's profile */
    double li_initial_mol_cm2;
} il_cell_inter;

/* The state vector: [cathode n] [anode n] [L_k nm] [trapped_k mol/cm2] [charge C/cm2]
 * [charge throughput C/cm2]. */
struct il_cell {
    il_cell_params p;
    il_stack *stack;
    size_t n_vol;
    il_cell_elec cat, an;
    size_t electrolyte;
    double electrolyte_L_cm, electrolyte_li_mol_cm2;
    il_cell_inter in[IL_CELL_MAX_INTERLAYERS];
    size_t iL, iT, iQ, n_state;
    double *y;              /* current state (n_state) */
    double initial_total;
    double li_cathode_initial; /* the cathode's Li (with its side's reacted Li) at the start */
    il_cell_trap_law trap;
    void *trap_user;
    double contact_void_nm[2]; /* contact diagnostic (contact.c), by il_cell_side; runs chain */
};

/* What drives the right-hand side at one instant: the current or the held voltage. */
typedef struct {
    const il_cell *c;
    il_cell_step_kind kind;
    double current_A_cm2;
    double voltage_V;
    double last_current;   /* VOLTAGE: the last solution, the next solve's start */
} il_cell_drive;

/* Rows [*first, *first + *n) of il_tab_ocv for a material; 0 when there is none. */
int il__cell_ocv_rows(const char *material, size_t *first, size_t *n);
double il__cell_ocv_rows_V(size_t first, size_t n, double x);

/* Model pieces (model.c). */
il_status il__cell_resize_state(il_cell *c, size_t n_vol, il_error *err);
double il__cell_temperature_factor(double activation_eV, double T_K);
/* Terminal voltage for current i (A/cm2) in state y, and the current that makes voltage v. */
double il__cell_voltage(const il_cell *c, const double *y, double i_A_cm2);
double il__cell_current_for_voltage(const il_cell *c, const double *y, double v, double guess);
/* dy/dt for the drive. */
void il__cell_rhs(const il_cell *c, const double *y, double i_A_cm2, double *dy);
double il__cell_drive_current(il_cell_drive *d, const double *y);
void il__cell_ledger(const il_cell *c, const double *y, il_cell_ledger *out);
double il__cell_mean_x(const il_cell_elec *e, const double *y);
/* The state y as a stack (state_stack.c). */
il_status il__cell_state_stack(const il_cell *c, const double *y, il_stack **out, il_error *err);
/* A copy of s whose layers with a Li profile hold its mean in their formula (state_nominal.c). */
il_status il__cell_stack_nominal_li(const il_stack *s, il_stack **out, il_error *err);

#endif
