-- SYNTAX TEST "source.sql" "crdb: directives in SQL comments"

-- A line comment directive: marker, keys, =, versions, bare mixed-version.
-- crdb: target-version=24.3 backup-version=v24.1.7 mixed-version
-- <-- source.sql comment.line.double-dash.sql punctuation.definition.comment.sql
-- ^^^^ source.sql comment.line.double-dash.sql meta.directive.crdb keyword.control.directive.crdb
--     ^ comment.line.double-dash.sql meta.directive.crdb punctuation.separator.directive.crdb
--       ^^^^^^^^^^^^^^ comment.line.double-dash.sql meta.directive.crdb entity.other.attribute-name.directive-key.crdb
--                     ^ comment.line.double-dash.sql meta.directive.crdb keyword.operator.assignment.crdb
--                      ^^^^ comment.line.double-dash.sql meta.directive.crdb constant.numeric.version.crdb
--                           ^^^^^^^^^^^^^^ meta.directive.crdb entity.other.attribute-name.directive-key.crdb
--                                          ^^^^^^^ meta.directive.crdb constant.numeric.version.crdb
--                                                  ^^^^^^^^^^^^^ meta.directive.crdb entity.other.attribute-name.directive-key.crdb

-- A block comment directive ends before */ ; pre-release versions and true.
/* crdb: backup-version=24.1.0-beta.2 mixed-version=true */
-- <-- comment.block punctuation.definition.comment.sql - meta.directive.crdb
-- ^^^^ comment.block meta.directive.crdb keyword.control.directive.crdb
--       ^^^^^^^^^^^^^^ comment.block meta.directive.crdb entity.other.attribute-name.directive-key.crdb
--                      ^^^^^^^^^^^^^ comment.block meta.directive.crdb constant.numeric.version.crdb
--                                    ^^^^^^^^^^^^^ meta.directive.crdb entity.other.attribute-name.directive-key.crdb
--                                                  ^^^^ comment.block meta.directive.crdb constant.language.boolean.crdb
--                                                       ^^ comment.block punctuation.definition.comment.sql - meta.directive.crdb

-- Booleans are case-insensitive; rule ids after ignore= are comma-separated.
-- crdb: mixed-version=FALSE ignore=restore-skips-release,missing-version
--                     ^^^^^ meta.directive.crdb constant.language.boolean.crdb
--                           ^^^^^^ meta.directive.crdb entity.other.attribute-name.directive-key.crdb
--                                  ^^^^^^^^^^^^^^^^^^^^^ meta.directive.crdb support.constant.rule-id.crdb
--                                                       ^ meta.directive.crdb punctuation.separator.comma.crdb
--                                                        ^^^^^^^^^^^^^^^ meta.directive.crdb support.constant.rule-id.crdb

-- Values a key cannot take are invalid.
-- crdb: mixed-version=yes target-version=24.x backup-version=2024.1 ignore=restore-skips-release,no-such-rule
--                     ^^^ meta.directive.crdb invalid.illegal.value.crdb
--                                        ^^^^ meta.directive.crdb invalid.illegal.version.crdb
--                                                            ^^^^^^ meta.directive.crdb invalid.illegal.version.crdb
--                                                                          ^^^^^^^^^^^^^^^^^^^^^ meta.directive.crdb support.constant.rule-id.crdb
--                                                                                                ^^^^^^^^^^^^ meta.directive.crdb invalid.illegal.rule-id.crdb

-- Unknown keys (keys are case-sensitive) are invalid; their values stay plain.
-- crdb: targt-version=24.3 Target-Version=24.3
--       ^^^^^^^^^^^^^ meta.directive.crdb invalid.illegal.unknown-key.crdb
--                    ^ meta.directive.crdb keyword.operator.assignment.crdb
--                     ^^^^ meta.directive.crdb - constant.numeric.version.crdb invalid.illegal.version.crdb
--                          ^^^^^^^^^^^^^^ meta.directive.crdb invalid.illegal.unknown-key.crdb

-- Quoted values.
-- crdb: target-version="24.3" backup-version='v23.2' ignore="unknown-version"
--                      ^ meta.directive.crdb punctuation.definition.string.begin.crdb
--                       ^^^^ meta.directive.crdb constant.numeric.version.crdb
--                           ^ meta.directive.crdb punctuation.definition.string.end.crdb
--                                            ^ meta.directive.crdb punctuation.definition.string.begin.crdb
--                                             ^^^^^ meta.directive.crdb constant.numeric.version.crdb
--                                                  ^ meta.directive.crdb punctuation.definition.string.end.crdb
--                                                            ^^^^^^^^^^^^^^^ meta.directive.crdb support.constant.rule-id.crdb

-- A directive trailing on the statement line.
RESTORE DATABASE bank FROM LATEST IN 's3://b/bank'; -- crdb: ignore=restore-to-older-version
-- <------- keyword.other.sql - meta.directive.crdb
--                                                     ^^^^ comment.line.double-dash.sql meta.directive.crdb keyword.control.directive.crdb
--                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-dash.sql meta.directive.crdb support.constant.rule-id.crdb

-- No spaces at all; the directive stops before */.
/*crdb:target-version=25.2*/ SELECT 1;
--^^^^ meta.directive.crdb keyword.control.directive.crdb
--     ^^^^^^^^^^^^^^ meta.directive.crdb entity.other.attribute-name.directive-key.crdb
--                    ^^^^ meta.directive.crdb constant.numeric.version.crdb
--                        ^^ comment.block punctuation.definition.comment.sql - meta.directive.crdb
--                           ^^^^^^ - meta.directive.crdb

-- A block directive may span lines.
/* crdb: target-version=24.3
   backup-version=24.1 */
-- ^^^^^^^^^^^^^^ comment.block meta.directive.crdb entity.other.attribute-name.directive-key.crdb
--                ^^^^ comment.block meta.directive.crdb constant.numeric.version.crdb
--                     ^^ - meta.directive.crdb

-- The comment text may start with crdb: on the line after /*.
/*
   crdb: target-version=25.4 */
-- ^^^^ comment.block meta.directive.crdb keyword.control.directive.crdb
--                      ^^^^ comment.block meta.directive.crdb constant.numeric.version.crdb

-- Not directives: crdb: not at the start of the comment, or inside a string.
-- note: crdb: target-version=24.3
--       ^^^^ comment.line.double-dash.sql - meta.directive.crdb
--                            ^^^^ comment.line.double-dash.sql - meta.directive.crdb
---- crdb: target-version=24.3
--   ^^^^ comment.line.double-dash.sql - meta.directive.crdb
/* see crdb: target-version=24.3 */
--     ^^^^ comment.block - meta.directive.crdb
SELECT '-- crdb: target-version=24.3';
--         ^^^^ string.quoted.single.sql - comment.line.double-dash.sql meta.directive.crdb
/*
   some text
   crdb: target-version=24.3 */
-- ^^^^ comment.block - meta.directive.crdb
