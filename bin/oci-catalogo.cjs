#!/usr/bin/env node
'use strict';
// Entry of the `oci-catalogo` command: runs the bundled CLI (out/cli/main.cjs, built by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'main.cjs');
if (!fs.existsSync(bundle)) {
    process.stderr.write(
        'oci-catalogo: o projeto ainda não foi compilado; rode "npm run build" (ou "npm ci", que compila).\n'
    );
    process.exit(2);
}
// Node >= 22.1 keeps the compiled bundle on disk (NODE_COMPILE_CACHE, else the system's temporary
// folder): every later run starts ~50-70 ms of CPU sooner. Off with OCI_CACHE_DIR=off, like the SIGTAP snapshot.
if ((process.env.OCI_CACHE_DIR || '').trim().toLowerCase() !== 'off') require('node:module').enableCompileCache?.();
require(bundle)
    .main(process.argv.slice(2))
    .then(
        code => {
            process.exitCode = code;
        },
        error => {
            process.stderr.write(`oci-catalogo: erro inesperado: ${error && error.message}\n`);
            process.exitCode = 2;
        }
    );
