#include <sqlite3.h>

/// Turns off SQLite's memory statistics. sqlite3_config is variadic, so Swift cannot call it
/// directly. With the statistics on (the default), every allocation SQLite makes takes one
/// process-wide mutex, and this build of SQLite omits the lookaside allocator, so two
/// connections used at once on two threads queue on that mutex. Must run before the first
/// connection opens; answers SQLITE_OK, or SQLITE_MISUSE once SQLite is initialised.
static inline int motcua_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
