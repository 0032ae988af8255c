/** Test files run this many at a time, each worker on its own copy of the database. */
export const TEST_WORKERS = 2;
