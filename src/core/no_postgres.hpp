// Included first by every header in src/core/: the core must stay free of PostgreSQL.
// If postgres.h (or c.h) was included before this point the build fails here.
#pragma once

#if defined(POSTGRES_H) || defined(C_H) || defined(PG_VERSION_NUM)
#error "src/core must not include PostgreSQL headers; call it from src/pg through the guard"
#endif
