/* interlayer ndp operando DIR --stack STACK [--reference FILE] [--cycler FILE] [--index FILE]
 *                           [--cell-area CM2] [--cathode N] -o OUTDIR
 * Reads a folder of spectra (time order from the files' start times, or from an index CSV with
 * columns `file,time_s[,live_time_s]` on the cycler's clock), inverts them all and writes CSV
 * tables, a JSON summary and plots into OUTDIR.
 * Times: with file timestamps, t = 0 is the start of the reference acquisition; with an index,
 * times are on the cycler's clock and the reference is taken to end at t = 0 (measured just
 * before cycling starts). The cycler's `Test Time / s` is on the same clock. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/ndp_operando.h"
#include "interlayer/outfile.h"
#include "interlayer/plot.h"

typedef struct {
    char *path;
    il_spectrum *sp;
    double t, live;
} entry;

static int is_spectrum_name(const char *n)
{
    const char *dot = strrchr(n, '.');
    if (!dot)
        return 0;
    return !strcasecmp(dot, ".spe") || !strcasecmp(dot, ".chn") || !strcasecmp(dot, ".n42") ||
           !strcasecmp(dot, ".xml") || !strcasecmp(dot, ".csv") || !strcasecmp(dot, ".tsv");
}

static int by_time(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return strcmp(x->path, y->path);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Index CSV: file,time_s[,live_time_s]. */
static il_status read_index(const char *path, const char *dir, entry **out, size_t *n,
                            il_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "cannot open index file");
    char line[4096];
    int ln = 0, cf = -1, ct = -1, cl = -1;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    il_status st = IL_OK;
    while (!st && fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        char *fld[16];
        int nf = 0;
        for (char *p = line; nf < 16;) {
            fld[nf++] = p;
            char *c = strchr(p, ',');
            if (!c)
                break;
            *c = '\0';
            p = c + 1;
        }
        if (cf < 0) {
            for (int k = 0; k < nf; k++) {
                if (!strcmp(fld[k], "file"))
                    cf = k;
                if (!strcmp(fld[k], "time_s"))
                    ct = k;
                if (!strcmp(fld[k], "live_time_s"))
                    cl = k;
            }
            if (cf < 0 || ct < 0)
                st = il_error_set_at(err, IL_ERR_PARSE, path, ln, 1,
                                     "index header needs columns 'file' and 'time_s'");
            continue;
        }
        if (cf >= nf || ct >= nf) {
            st = il_error_set_at(err, IL_ERR_PARSE, path, ln, 1, "row has only %d fields", nf);
            break;
        }
        double t, lt = NAN;
        il_error e2;
        if (il_parse_number(fld[ct], &t, &e2)) {
            st = il_error_set_at(err, IL_ERR_PARSE, path, ln, (int)(fld[ct] - line) + 1,
                                 "time_s '%s' is not a number", fld[ct]);
            break;
        }
        if (cl >= 0 && cl < nf && il_parse_number(fld[cl], &lt, &e2)) {
            st = il_error_set_at(err, IL_ERR_PARSE, path, ln, (int)(fld[cl] - line) + 1,
                                 "live_time_s '%s' is not a number", fld[cl]);
            break;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            entry *e = realloc(*out, cap * sizeof *e);
            if (!e) {
                st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
                break;
            }
            *out = e;
        }
        entry *e = &(*out)[(*n)++];
        e->path = fld[cf][0] == '/' ? strdup(fld[cf]) : join(dir, fld[cf]);
        e->sp = NULL;
        e->t = t;
        e->live = lt;
    }
    fclose(f);
    return st;
}

static void free_entries(entry *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++) {
        free(e[i].path);
        il_spectrum_free(e[i].sp);
    }
    free(e);
}

static il_status load_entry(entry *e, il_error *err)
{
    il_status st = il_spectrum_load(e->path, IL_SPECTRUM_AUTO, &e->sp, err);
    if (st)
        return st;
    if (!(e->live > 0)) {
        double lt = il_spectrum_live_time_s(e->sp);
        e->live = lt > 0 ? lt : NAN;
    }
    return IL_OK;
}

static int write_text(const char *path, const char *(*fill)(void *, FILE *), void *ctx)
{
    il_error err;
    il_outfile *of;
    if (il_outfile_open(path, &of, &err))
        return cli_fail(&err);
    const char *bad = fill(ctx, il_outfile_stream(of));
    if (bad) {
        il_outfile_abort(of);
        il_error_set(&err, IL_ERR_IO, "%s: %s", path, bad);
        return cli_fail(&err);
    }
    if (il_outfile_commit(of, &err))
        return cli_fail(&err);
    return CLI_EXIT_OK;
}

typedef struct {
    const il_ndp_model *m;
    const il_ndp_series *s;
    const entry *e;
} outctx;

static const char *fill_inventories(void *p, FILE *f)
{
    const outctx *c = p;
    const il_ndp_series *s = c->s;
    fprintf(f, "spectrum,file,time_s,voltage_V");
    for (size_t l = 0; l < s->n_layers; l++)
        fprintf(f, ",\"%s li_atoms_per_cm2\",\"%s sigma\"", il_ndp_model_layer_name(c->m, l),
                il_ndp_model_layer_name(c->m, l));
    fprintf(f, "\n");
    for (size_t i = 0; i < s->n; i++) {
        fprintf(f, "%zu,\"%s\",%.6g,%.6g", i + 1, c->e[i].path, s->mid_time_s[i], s->voltage_V[i]);
        for (size_t l = 0; l < s->n_layers; l++)
            fprintf(f, ",%.6e,%.3e", s->inventory[i * s->n_layers + l],
                    s->inventory_sigma[i * s->n_layers + l]);
        fprintf(f, "\n");
    }
    return NULL;
}

static const char *fill_faraday(void *p, FILE *f)
{
    const outctx *c = p;
    const il_ndp_series *s = c->s;
    fprintf(f, "spectrum,time_s,charge_C,li_expected_atoms_per_cm2,li_expected_uAh_per_cm2,"
               "li_left_cathode_atoms_per_cm2,sigma,ratio\n");
    for (size_t i = 0; i < s->n; i++) {
        const il_ndp_faraday *q = &s->faraday[i];
        fprintf(f, "%zu,%.6g,%.6g,%.6e,%.6g,%.6e,%.3e,%.5g\n", i + 1, s->mid_time_s[i],
                q->charge_C, q->li_expected_atoms_cm2, q->li_expected_uAh_cm2,
                q->li_measured_atoms_cm2, q->li_measured_sigma_atoms_cm2, q->ratio);
    }
    return NULL;
}

static const char *fill_profiles(void *p, FILE *f)
{
    const outctx *c = p;
    const il_ndp_series *s = c->s;
    fprintf(f, "spectrum,time_s,depth_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma,"
               "delta_li_atoms_per_cm3\n");
    for (size_t i = 0; i < s->n; i++) {
        const il_ndp_profile *pr = s->profile[i];
        for (size_t j = 0; j < s->n_bins; j++)
            fprintf(f, "%zu,%.6g,%.6g,\"%s\",%.6e,%.3e,%.6e\n", i + 1, s->mid_time_s[i],
                    pr->depth_nm[j], il_ndp_model_layer_name(c->m, pr->bin_layer[j]), pr->conc[j],
                    pr->conc_sigma[j], s->delta_conc[i * s->n_bins + j]);
    }
    return NULL;
}

static const char *fill_delta_spectra(void *p, FILE *f)
{
    const outctx *c = p;
    const il_ndp_series *s = c->s;
    const il_ndp_instrument *ins = il_ndp_model_instrument(c->m);
    fprintf(f, "channel,energy_keV");
    for (size_t i = 0; i < s->n; i++)
        fprintf(f, ",spectrum_%zu", i + 1);
    fprintf(f, "\n");
    for (size_t ch = 0; ch < s->n_channels; ch++) {
        fprintf(f, "%zu,%.6g", ch, il_ndp_channel_energy_keV(ins, (double)ch));
        for (size_t i = 0; i < s->n; i++)
            fprintf(f, ",%.6g", s->delta_counts[i * s->n_channels + ch]);
        fprintf(f, "\n");
    }
    return NULL;
}

static void progress_cb(void *user, size_t done, size_t total)
{
    cli_ndp_progress_bar(user, done, total);
}

int cli_ndp_operando(int argc, char **argv)
{
    const char *dir = NULL, *stack_arg = NULL, *ref_arg = NULL, *cyc_arg = NULL, *idx_arg = NULL,
               *outdir = NULL, *area_s = NULL, *cath_s = NULL, *method = "tikhonov", *selfc = NULL,
               *minf = NULL, *nsig = NULL;
    cli_ndp_instr_args ia = {0};
    const cli_ndp_str_opt strs[] = {
        {"--stack", &stack_arg},       {"--reference", &ref_arg}, {"--cycler", &cyc_arg},
        {"--index", &idx_arg},         {"-o", &outdir},           {"--output", &outdir},
        {"--cell-area", &area_s},      {"--cathode", &cath_s},    {"--method", &method},
        {"--self-consistent", &selfc}, {"--min-fraction", &minf}, {"--nsigma", &nsig}};
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer ndp operando DIR --stack STACK [--reference FILE]\n"
                   "         [--cycler FILE] [--index FILE] [--cell-area CM2] [--cathode N]\n"
                   "         [--method tikhonov|mlem] [--self-consistent N] [--nsigma 3]\n"
                   "         [--min-fraction F] [instrument options]\n"
                   "         -o OUTDIR\n%s",
                   cli_ndp_instr_help);
            return CLI_EXIT_OK;
        }
        if ((r = cli_ndp_instr_option(argc, argv, &i, &ia))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        if ((r = cli_ndp_str_option(argc, argv, &i, strs, sizeof strs / sizeof *strs))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        if ((r = cli_ndp_positional("operando", argv[i], &dir)))
            return r;
    }
    if (!dir || !stack_arg || !outdir)
        return cli_usage("usage: interlayer ndp operando DIR --stack STACK -o OUTDIR "
                            "[--reference FILE] [--cycler FILE] [--index FILE]");
    double area = 1;
    il_error err;
    if (area_s && (il_parse_number(area_s, &area, &err) || !(area > 0)))
        return cli_usage("ndp operando: --cell-area '%s' must be a number > 0 (cm2)", area_s);
    il_ndp_series_input in;
    il_ndp_series_input_default(&in);
    if (selfc) {
        char *end;
        long k = strtol(selfc, &end, 10);
        if (*end || k < 0 || k > 10)
            return cli_usage("ndp operando: --self-consistent '%s' must be 0..10 passes",
                                selfc);
        in.self_consistent = (int)k;
    }
    if (minf && (il_parse_number(minf, &in.min_fraction, &err) || in.min_fraction < 0 ||
                 in.min_fraction >= 1))
        return cli_usage("ndp operando: --min-fraction '%s' must be in [0, 1)", minf);
    if (nsig && (il_parse_number(nsig, &in.nsigma, &err) || !(in.nsigma > 0)))
        return cli_usage("ndp operando: --nsigma '%s' must be a number > 0", nsig);
    if (!strcmp(method, "mlem"))
        in.invert.method = IL_NDP_METHOD_MLEM;
    else if (strcmp(method, "tikhonov"))
        return cli_usage("ndp operando: --method '%s' unknown (tikhonov, mlem)", method);

    /* The spectra. */
    entry *e = NULL;
    size_t n = 0;
    int rc = CLI_EXIT_OK;
    if (idx_arg) {
        if (read_index(idx_arg, dir, &e, &n, &err))
            return cli_fail(&err);
    } else {
        DIR *d = opendir(dir);
        if (!d) {
            il_error_set_at(&err, IL_ERR_IO, dir, 0, 0, "cannot open directory: %s",
                            strerror(errno));
            return cli_fail(&err);
        }
        struct dirent *de;
        size_t cap = 0;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.' || !is_spectrum_name(de->d_name))
                continue;
            char *p = join(dir, de->d_name);
            if (ref_arg && p && !strcmp(p, ref_arg)) {
                free(p);
                continue;
            }
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                entry *ne = realloc(e, cap * sizeof *ne);
                if (!ne)
                    break;
                e = ne;
            }
            e[n].path = p;
            e[n].sp = NULL;
            e[n].t = NAN;
            e[n].live = NAN;
            n++;
        }
        closedir(d);
    }
    if (n == 0) {
        free_entries(e, n);
        il_error_set_at(&err, IL_ERR_NOT_FOUND, dir, 0, 0,
                        "no spectra (.spe .chn .n42 .xml .csv .tsv) found");
        return cli_fail(&err);
    }
    entry ref = {NULL, NULL, NAN, NAN};
    for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++)
        if (load_entry(&e[i], &err))
            rc = cli_fail(&err);
    if (rc == CLI_EXIT_OK && ref_arg) {
        ref.path = strdup(ref_arg);
        if (load_entry(&ref, &err))
            rc = cli_fail(&err);
    }
    /* Times from the files when there is no index: relative to the reference (or the first). */
    if (rc == CLI_EXIT_OK && !idx_arg) {
        time_t t0 = 0;
        int have0 = 0;
        if (ref.sp && il_spectrum_start_time(ref.sp, &t0, NULL) == IL_OK)
            have0 = 1;
        for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++) {
            time_t ti;
            if (il_spectrum_start_time(e[i].sp, &ti, &err)) {
                il_error_set_at(&err, IL_ERR_NOT_FOUND, e[i].path, 0, 0,
                                "no start time in the file; give the times in --index FILE "
                                "(columns file,time_s)");
                rc = cli_fail(&err);
                break;
            }
            e[i].t = (double)ti;
        }
        if (rc == CLI_EXIT_OK) {
            double base = have0 ? (double)t0 : INFINITY;
            for (size_t i = 0; i < n && !have0; i++)
                base = fmin(base, e[i].t);
            for (size_t i = 0; i < n; i++)
                e[i].t -= base;
            ref.t = 0;
        }
    }
    if (rc == CLI_EXIT_OK)
        qsort(e, n, sizeof *e, by_time);

    il_ndp_instrument ins;
    il_stack *s = NULL;
    il_ndp_model *m = NULL;
    il_ndp_cycler *cy = NULL;
    if (rc == CLI_EXIT_OK && cli_ndp_instr_build(&ia, &ins, &err))
        rc = cli_fail(&err);
    if (rc == CLI_EXIT_OK) {
        cli_ndp_adapt_instrument(ref.sp ? ref.sp : e[0].sp, &ins);
        for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++)
            if ((int)il_spectrum_n_channels(e[i].sp) != ins.channels) {
                il_error_set_at(&err, IL_ERR_INVALID, e[i].path, 0, 0,
                                "%zu channels, but the series has %d",
                                il_spectrum_n_channels(e[i].sp), ins.channels);
                rc = cli_fail(&err);
            }
    }
    if (rc == CLI_EXIT_OK && cli_ndp_load_stack(stack_arg, &s, &err))
        rc = cli_fail(&err);
    if (rc == CLI_EXIT_OK && il_ndp_model_new(s, &ins, &m, &err))
        rc = cli_fail(&err);
    if (rc == CLI_EXIT_OK && cyc_arg && il_ndp_cycler_load(cyc_arg, &cy, &err))
        rc = cli_fail(&err);
    /* The cathode: given, else the first Li layer holding a transition metal, else the layer
     * with the most Li. */
    size_t cath = 0;
    if (rc == CLI_EXIT_OK) {
        if (cath_s) {
            char *end;
            long k = strtol(cath_s, &end, 10);
            if (*end || k < 1 || (size_t)k > il_stack_count(s)) {
                rc = cli_usage("ndp operando: --cathode '%s' must be a layer number 1..%zu",
                                  cath_s, il_stack_count(s));
            }
            cath = (size_t)(k - 1);
        } else {
            double best = -1;
            int found = 0;
            for (size_t l = 0; l < il_stack_count(s) && !found; l++) {
                const il_layer *L = il_stack_layer(s, l);
                for (size_t k = 0; k < L->formula.n; k++) {
                    int Z = L->formula.Z[k];
                    if (L->li_atoms_cm3 > 0 && (Z == 25 || Z == 26 || Z == 27 || Z == 28)) {
                        cath = l;
                        found = 1;
                    }
                }
            }
            for (size_t l = 0; l < il_stack_count(s) && !found; l++) {
                const il_layer *L = il_stack_layer(s, l);
                if (!L->is_substrate && L->li_atoms_cm2 > best) {
                    best = L->li_atoms_cm2;
                    cath = l;
                }
            }
        }
    }
    il_ndp_series *out = NULL;
    const double **counts = NULL;
    double *times = NULL, *lives = NULL;
    if (rc == CLI_EXIT_OK) {
        counts = malloc(n * sizeof *counts);
        times = malloc(n * sizeof *times);
        lives = malloc(n * sizeof *lives);
        for (size_t i = 0; counts && times && lives && i < n; i++) {
            counts[i] = il_spectrum_counts(e[i].sp);
            times[i] = e[i].t;
            lives[i] = e[i].live;
        }
        in.n = n;
        in.counts = (const double *const *)counts;
        in.time_s = times;
        in.live_s = lives;
        in.reference = ref.sp ? il_spectrum_counts(ref.sp) : NULL;
        in.reference_live_s = ref.sp && ref.live > 0 ? ref.live : 0;
        /* The reference's middle: with file times it starts at t = 0; with an index it is taken
         * to end when cycling starts (t = 0). Without a reference the first spectrum is one. */
        double rl = ref.live > 0 ? ref.live : 0;
        in.reference_time_s = ref.sp ? (isfinite(ref.t) ? ref.t + 0.5 * rl : -0.5 * rl)
                                     : times[0] + 0.5 * (lives[0] > 0 ? lives[0] : 0);
        in.cycler = cy;
        in.area_cm2 = area;
        in.cathode_layer = cath;
        in.stack = s;
        in.progress = progress_cb;
        if (il_ndp_series_run(m, &in, &out, &err))
            rc = cli_fail(&err);
    }
    if (rc == CLI_EXIT_OK && mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        il_error_set_at(&err, IL_ERR_IO, outdir, 0, 0, "cannot create directory: %s",
                        strerror(errno));
        rc = cli_fail(&err);
    }
    outctx oc = {m, out, e};
    char path[4096];
#define OUT(name) (snprintf(path, sizeof path, "%s/%s", outdir, name), path)
    if (rc == CLI_EXIT_OK)
        rc = write_text(OUT("inventories.csv"), fill_inventories, &oc);
    if (rc == CLI_EXIT_OK)
        rc = write_text(OUT("faraday.csv"), fill_faraday, &oc);
    if (rc == CLI_EXIT_OK)
        rc = write_text(OUT("profiles.csv"), fill_profiles, &oc);
    if (rc == CLI_EXIT_OK)
        rc = write_text(OUT("delta_spectra.csv"), fill_delta_spectra, &oc);
    /* JSON summary. */
    if (rc == CLI_EXIT_OK) {
        json_t *doc = json_object();
        json_object_set_new(doc, "stack", json_string(il_stack_name(s)));
        json_object_set_new(doc, "n_spectra", json_integer((json_int_t)n));
        json_object_set_new(doc, "lambda", json_real(out->reference->lambda));
        json_object_set_new(doc, "cathode_layer", json_string(il_ndp_model_layer_name(m, cath)));
        json_object_set_new(doc, "area_cm2", json_real(area));
        json_t *layers = json_array();
        for (size_t l = 0; l < out->n_layers; l++) {
            json_t *o = json_object();
            json_object_set_new(o, "name", json_string(il_ndp_model_layer_name(m, l)));
            json_object_set_new(o, "reference_li_atoms_per_cm2",
                                json_real(out->reference->li_atoms_cm2[l]));
            json_object_set_new(o, "final_li_atoms_per_cm2",
                                json_real(out->inventory[(n - 1) * out->n_layers + l]));
            json_object_set_new(o, "final_li_atoms_per_cm2_sigma",
                                json_real(out->inventory_sigma[(n - 1) * out->n_layers + l]));
            json_array_append_new(layers, o);
        }
        json_object_set_new(doc, "layers", layers);
        json_t *sp = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            const il_ndp_faraday *q = &out->faraday[i];
            json_object_set_new(o, "file", json_string(e[i].path));
            json_object_set_new(o, "time_s", json_real(out->mid_time_s[i]));
            json_object_set_new(o, "voltage_V", isfinite(out->voltage_V[i])
                                                    ? json_real(out->voltage_V[i])
                                                    : json_null());
            json_object_set_new(o, "li_atoms_per_cm2",
                                cli_ndp_json_array(out->inventory + i * out->n_layers, out->n_layers));
            json_object_set_new(o, "li_left_cathode_atoms_per_cm2",
                                json_real(q->li_measured_atoms_cm2));
            json_object_set_new(o, "li_left_cathode_sigma", json_real(q->li_measured_sigma_atoms_cm2));
            json_object_set_new(o, "charge_C", isfinite(q->charge_C) ? json_real(q->charge_C) : json_null());
            json_object_set_new(o, "li_from_charge_atoms_per_cm2",
                                isfinite(q->li_expected_atoms_cm2) ? json_real(q->li_expected_atoms_cm2)
                                                                   : json_null());
            json_object_set_new(o, "faraday_ratio", isfinite(q->ratio) ? json_real(q->ratio) : json_null());
            json_array_append_new(sp, o);
        }
        json_object_set_new(doc, "spectra", sp);
        json_t *ifs = json_array();
        for (size_t k = 0; k < out->n_interfaces; k++) {
            json_t *o = json_object();
            char name[200];
            snprintf(name, sizeof name, "%s / %s", il_ndp_model_layer_name(m, k),
                     il_ndp_model_layer_name(m, k + 1));
            json_object_set_new(o, "interface", json_string(name));
            json_object_set_new(o, "depth_nm", json_real(out->interface_nm[k]));
            int grew = out->first[k] < n;
            json_object_set_new(o, "growing_interlayer", json_boolean(grew));
            json_object_set_new(o, "first_spectrum", grew ? json_integer((json_int_t)out->first[k] + 1) : json_null());
            json_object_set_new(o, "first_time_s", grew ? json_real(out->mid_time_s[out->first[k]]) : json_null());
            json_object_set_new(o, "found_depth_nm", isfinite(out->growth_depth_nm[k]) && grew
                                                       ? json_real(out->growth_depth_nm[k])
                                                       : json_null());
            json_object_set_new(o, "excess_li_atoms_per_cm2",
                                cli_ndp_json_array(out->excess + k * n, n));
            json_object_set_new(o, "excess_li_atoms_per_cm2_sigma",
                                cli_ndp_json_array(out->excess_sigma + k * n, n));
            json_array_append_new(ifs, o);
        }
        json_object_set_new(doc, "interfaces", ifs);
        rc = cli_out_write_json(OUT("summary.json"), doc);
        json_decref(doc);
    }
    /* Plots. */
    if (rc == CLI_EXIT_OK) {
        size_t nl = out->n_layers;
        double *t = out->mid_time_s;
        il_plot_series *ser = calloc(nl + 3, sizeof *ser);
        double *inv = malloc(nl * n * sizeof *inv), *sig = malloc(nl * n * sizeof *sig);
        size_t k = 0;
        for (size_t l = 0; ser && inv && sig && l < nl; l++) {
            int any = 0;
            for (size_t i = 0; i < n; i++) {
                inv[l * n + i] = out->inventory[i * nl + l];
                sig[l * n + i] = out->inventory_sigma[i * nl + l];
                any |= fabs(inv[l * n + i]) > 1e14;
            }
            if (any)
                ser[k++] = (il_plot_series){t, inv + l * n, sig + l * n, n,
                                            il_ndp_model_layer_name(m, l), IL_PLOT_LINE};
        }
        il_plot_axes ax = {"Li inventory per layer", "time (s)", "Li (atoms/cm2)", 0, 0};
        if (ser && il_plot_xy(OUT("inventories.svg"), &ax, ser, k, &err))
            rc = cli_fail(&err);
        if (rc == CLI_EXIT_OK && cy) {
            il_plot_series vs = {cy->time_s, cy->voltage_V, NULL, cy->n, "cell voltage",
                                 IL_PLOT_LINE};
            il_plot_axes av = {"cycler", "time (s)", "voltage (V)", 0, 0};
            if (il_plot_xy(OUT("voltage.svg"), &av, &vs, 1, &err))
                rc = cli_fail(&err);
        }
        if (rc == CLI_EXIT_OK && n >= 2) {
            il_plot_axes am = {"Li change against the reference", "depth (nm)", "time (s)", 0, 0};
            if (il_plot_map(OUT("delta_li_map.svg"), &am, out->reference->depth_nm, out->n_bins,
                            t, n, out->delta_conc, "delta Li (atoms/cm3)", &err))
                rc = cli_fail(&err);
        }
        /* The last spectrum with the model of its profile, coloured by layer. */
        il_ndp_sim *sim = NULL;
        if (rc == CLI_EXIT_OK && !il_ndp_simulate(m, 3, out->profile[n - 1]->conc, &sim, NULL)) {
            size_t nch = sim->n_channels, q = 0;
            il_plot_series *ss = calloc(nl + 2, sizeof *ss);
            double *meas = malloc(nch * sizeof *meas);
            const il_ndp_instrument *mi = il_ndp_model_instrument(m);
            for (size_t c = 0; meas && c < nch; c++)
                meas[c] = counts[n - 1][c] * mi->live_time_s / (lives[n - 1] > 0 ? lives[n - 1] : mi->live_time_s);
            if (ss && meas) {
                ss[q++] = (il_plot_series){sim->energy_keV, meas, NULL, nch, "last spectrum",
                                           IL_PLOT_POINTS};
                for (size_t l = 0; l < nl; l++) {
                    double tot = 0;
                    for (size_t c = 0; c < nch; c++)
                        tot += sim->by_layer[l * nch + c];
                    if (tot > 0)
                        ss[q++] = (il_plot_series){sim->energy_keV, sim->by_layer + l * nch, NULL,
                                                   nch, il_ndp_model_layer_name(m, l),
                                                   IL_PLOT_LINE};
                }
                il_plot_axes as = {"last spectrum and its model by layer", "energy (keV)",
                                   "counts per channel", 0, 0};
                if (il_plot_xy(OUT("spectra.svg"), &as, ss, q, &err))
                    rc = cli_fail(&err);
            }
            free(ss);
            free(meas);
            il_ndp_sim_free(sim);
        }
        free(ser), free(inv), free(sig);
    }
    /* A short report on stdout. */
    if (rc == CLI_EXIT_OK) {
        printf("%zu spectra inverted (lambda %.4g); results in %s/\n", n,
               out->reference->lambda, outdir);
        const il_ndp_faraday *q = &out->faraday[n - 1];
        printf("Li inventories, reference -> last spectrum (atoms/cm2):\n");
        for (size_t l = 0; l < out->n_layers; l++) {
            double a = out->reference->li_atoms_cm2[l], b = out->inventory[(n - 1) * out->n_layers + l];
            if (fabs(a) < 1e14 && fabs(b) < 1e14)
                continue;
            printf("  %-28.28s %11.4e -> %11.4e +- %.2e\n", il_ndp_model_layer_name(m, l), a, b,
                   out->inventory_sigma[(n - 1) * out->n_layers + l]);
        }
        printf("Faraday: Li left the cathode %.4e +- %.2e atoms/cm2", q->li_measured_atoms_cm2,
               q->li_measured_sigma_atoms_cm2);
        if (isfinite(q->ratio))
            printf("; the charge passed accounts for %.4e (%.4g uAh/cm2): ratio %.4f\n",
                   q->li_expected_atoms_cm2, q->li_expected_uAh_cm2, q->ratio);
        else
            printf(" (no cycler record)\n");
        int any = 0;
        for (size_t k = 0; k < out->n_interfaces; k++)
            if (out->first[k] < n) {
                any = 1;
                printf("growing interlayer at %s / %s (interface at %.0f nm): found at %.0f nm, "
                       "first in spectrum %zu (t = %.0f s), excess Li %.3e +- %.2e atoms/cm2 at "
                       "the end\n",
                       il_ndp_model_layer_name(m, k), il_ndp_model_layer_name(m, k + 1),
                       out->interface_nm[k], out->growth_depth_nm[k], out->first[k] + 1,
                       out->mid_time_s[out->first[k]], out->excess[k * n + n - 1],
                       out->excess_sigma[k * n + n - 1]);
            }
        if (!any)
            printf("no interface accumulated Li beyond its uncertainty\n");
    }
    il_ndp_series_free(out);
    free(counts), free(times), free(lives);
    il_ndp_cycler_free(cy);
    il_ndp_model_free(m);
    il_stack_free(s);
    free(ref.path);
    il_spectrum_free(ref.sp);
    free_entries(e, n);
    return rc;
}
