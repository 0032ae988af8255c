-- "Where is my change": find a commit by any sha prefix (LIKE 'abc1234%' needs pattern ops
-- under a non-C collation), and search recent builds by author or message words (trigrams serve ILIKE '%word%').
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Build_commitSha_prefix_idx" ON "Build" ("commitSha" text_pattern_ops);
CREATE INDEX "Build_author_trgm_idx" ON "Build" USING gin (author gin_trgm_ops);
CREATE INDEX "Build_message_trgm_idx" ON "Build" USING gin (message gin_trgm_ops);
