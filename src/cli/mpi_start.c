/* MPI start-up for the CLI (see mpi_start.h). */
#include "cli/mpi_start.h"

#include <stdlib.h>

#ifdef IL_HAVE_MPI
#include <mpi.h>
#endif

cli_mpi cli_mpi_start(void)
{
    cli_mpi m = {NULL, 0};
#ifdef IL_HAVE_MPI
    /* the handle the verbs point to: it lives as long as the process, one per process */
    static MPI_Comm world;
    if (getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_SIZE")) {
        MPI_Init(NULL, NULL);
        world = MPI_COMM_WORLD;
        MPI_Comm_rank(world, &m.rank);
        m.comm = &world;
    }
#endif
    return m;
}

void cli_mpi_end(const cli_mpi *m)
{
#ifdef IL_HAVE_MPI
    if (m->comm)
        MPI_Finalize();
#else
    (void)m;
#endif
}
