/* The MPI start-up of the verbs that spread work over ranks (ndp invert --batch, ndp operando,
 * refl fit): MPI only when mpirun or srun started the process. */
#ifndef CLI_MPI_START_H
#define CLI_MPI_START_H

typedef struct {
    void *comm; /* an MPI_Comm * (MPI_COMM_WORLD) when MPI runs, else NULL */
    int rank;   /* 0 without MPI */
} cli_mpi;

/* Started by mpirun or srun (Open MPI's or Slurm's PMI variables set): MPI initialised, comm
 * and rank filled. A plain start, or a build without MPI, does not touch MPI at all. */
cli_mpi cli_mpi_start(void);
/* Finalises MPI when cli_mpi_start initialised it. */
void cli_mpi_end(const cli_mpi *m);

#endif
