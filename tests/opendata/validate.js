#!/usr/bin/env node
// validate.js
//
// Copyright 2026 The Abierto developers
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Validates an open data package written by Abierto with Frictionless
// datapackage-js: the descriptor against the tabular-data-package profile,
// then every row of every resource, cast to the types of its schema, with
// its primary key checked for uniqueness and its foreign keys resolved.
// Prints one line per resource and exits non-zero on the first error.
//
// Usage: validate.js PATH/TO/datapackage.json

'use strict';

const path = require('path');
const { Package } = require('datapackage');

async function main(descriptor) {
  const dataPackage = await Package.load(path.resolve(descriptor), { strict: true });

  if (!dataPackage.valid) {
    throw new Error('the descriptor is not valid:\n' +
                    dataPackage.errors.map((e) => `  ${e.message}`).join('\n'));
  }
  if (dataPackage.descriptor.profile !== 'tabular-data-package') {
    throw new Error(`profile is ${dataPackage.descriptor.profile}, not tabular-data-package`);
  }

  for (const resource of dataPackage.resources) {
    if (!resource.valid) {
      throw new Error(`resource ${resource.name} is not valid:\n` +
                      resource.errors.map((e) => `  ${e.message}`).join('\n'));
    }
    if (!resource.tabular) {
      throw new Error(`resource ${resource.name} is not tabular`);
    }

    // the header must be the schema's fields, in their order
    const headers = (await resource.read({ cast: false, limit: 1 })) && resource.headers;
    const names = resource.schema.fieldNames;
    if (JSON.stringify(headers) !== JSON.stringify(names)) {
      throw new Error(`resource ${resource.name}: header ${JSON.stringify(headers)} ` +
                      `is not ${JSON.stringify(names)}`);
    }

    // cast every value, check unique keys and resolve every foreign key
    let rows;
    try {
      rows = await resource.read({ cast: true, relations: true, keyed: true });
    } catch (error) {
      const details = (error.errors || []).map((e) => `  ${e.message}`).join('\n');
      throw new Error(`resource ${resource.name}: ${error.message}` +
                      (details ? `\n${details}` : ''));
    }
    for (const row of rows) {
      if (Object.keys(row).length !== names.length) {
        throw new Error(`resource ${resource.name}: a row has ${Object.keys(row).length} ` +
                        `cells, not ${names.length}`);
      }
    }
    console.log(`${resource.name}: ${rows.length} rows valid`);
  }
}

if (process.argv.length !== 3) {
  console.error('usage: validate.js PATH/TO/datapackage.json');
  process.exit(2);
}

main(process.argv[2]).catch((error) => {
  console.error(`invalid data package: ${error.message}`);
  process.exit(1);
});
