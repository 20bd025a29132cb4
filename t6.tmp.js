const { analyzeDocument } = require('./out/server/src/core/analyze.js');
const { analyzeOptions } = require('./out/server/src/core/settings.js');
const R = "RESTORE DATABASE d FROM LATEST IN 's3://x';";
const t = `-- crdb: target-version=24.3\nBACKUP INTO 's3://x';\n${R}\n`.repeat(8192);
analyzeDocument(t, analyzeOptions({ today: '2025-06-01' }, 'sql'));
