import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppModule } from '../app.module';
import { loadConfig, repoRoot } from '../core/config/config';
import { buildOpenApiDocument } from '../create-app';

/**
 * Writes the OpenAPI document of the API to libs/api-client/openapi.json, without a database
 * (Nest's preview mode builds the routes without instantiating providers).
 * `--check` compares instead, and fails when the committed copy is stale.
 */
export const OPENAPI_FILE = join(repoRoot(), 'libs/api-client/openapi.json');

export async function generateOpenApi(): Promise<string> {
  const app = await NestFactory.create(AppModule.forRoot(loadConfig({ NODE_ENV: 'test', DEV_MAILBOX: 'true' }), 'postgres://preview@127.0.0.1:1/preview'), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  generateOpenApi().then(
    (text) => {
      if (check) {
        let committed = '';
        try {
          committed = readFileSync(OPENAPI_FILE, 'utf8');
        } catch {
          /* missing counts as stale */
        }
        if (committed !== text) {
          process.stderr.write(`${OPENAPI_FILE} is stale: run \`npm run openapi\` and commit the result.\n`);
          process.exit(1);
        }
        process.stdout.write('OpenAPI document up to date.\n');
      } else {
        mkdirSync(dirname(OPENAPI_FILE), { recursive: true });
        writeFileSync(OPENAPI_FILE, text);
        process.stdout.write(`Wrote ${OPENAPI_FILE}\n`);
      }
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
      process.exit(1);
    },
  );
}
