// A compact SQL grammar for highlight.js. The bundled one is 6.5 KB minified, mostly the full
// keyword and function lists of every dialect; the common core below covers what answers contain.
import type { HLJSApi, Language } from 'highlight.js';

const KEYWORDS = [
  'add', 'all', 'alter', 'and', 'any', 'as', 'asc', 'begin', 'between', 'by', 'cascade', 'case', 'check', 'column', 'commit',
  'constraint', 'create', 'cross', 'database', 'default', 'delete', 'desc', 'distinct', 'drop', 'else', 'end', 'except', 'exists',
  'explain', 'foreign', 'from', 'full', 'grant', 'group', 'having', 'if', 'in', 'index', 'inner', 'insert', 'intersect', 'into', 'is',
  'join', 'key', 'left', 'like', 'ilike', 'limit', 'not', 'null', 'offset', 'on', 'or', 'order', 'outer', 'over', 'partition',
  'primary', 'references', 'rename', 'replace', 'returning', 'revoke', 'right', 'rollback', 'schema', 'select', 'set', 'table',
  'then', 'to', 'transaction', 'trigger', 'truncate', 'union', 'unique', 'update', 'using', 'values', 'view', 'when', 'where',
  'window', 'with', 'recursive', 'conflict', 'do', 'nothing', 'lateral', 'natural', 'temporary', 'temp', 'auto_increment',
];
const TYPES = [
  'bigint', 'bigserial', 'binary', 'bit', 'blob', 'bool', 'boolean', 'bytea', 'char', 'character', 'date', 'datetime', 'decimal',
  'double', 'float', 'int', 'integer', 'interval', 'json', 'jsonb', 'money', 'nchar', 'numeric', 'nvarchar', 'real', 'serial',
  'smallint', 'text', 'time', 'timestamp', 'timestamptz', 'tinyint', 'uuid', 'varbinary', 'varchar', 'precision', 'zone',
];

export default function sql(hljs: HLJSApi): Language {
  return {
    name: 'SQL',
    case_insensitive: true,
    keywords: { $pattern: /\b[\w.]+/, keyword: KEYWORDS, type: TYPES, literal: ['true', 'false', 'unknown'] },
    contains: [
      hljs.C_BLOCK_COMMENT_MODE,
      hljs.COMMENT('--', '$'),
      { scope: 'string', begin: /'/, end: /'/, contains: [{ begin: /''/ }] },
      { scope: 'string', begin: /\$\$/, end: /\$\$/ },
      { scope: 'variable', begin: /"/, end: /"/, contains: [{ begin: /""/ }] },
      { scope: 'variable', begin: /`/, end: /`/ },
      { scope: 'number', begin: hljs.C_NUMBER_RE, relevance: 0 },
      { scope: 'title.function', begin: /\b[a-zA-Z_][\w]*(?=\s*\()/, relevance: 0 },
      { scope: 'operator', begin: /[-+*/=%^~<>!|&]+/, relevance: 0 },
      { scope: 'variable', begin: /[:@$]\w+|\?/ },
    ],
  };
}
