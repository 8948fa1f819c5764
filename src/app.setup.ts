import type { IncomingMessage } from 'node:http';
import { VersioningType, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { requestIdOf } from './common/logging/logging.module.js';
import type { PreparedDatabase } from './database/bootstrap.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Versioning, CORS, OpenAPI and shutdown hooks: everything an app needs besides its modules. */
export function configureApp(app: NestFastifyApplication, { config }: PreparedDatabase): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  app.enableVersioning({ type: VersioningType.URI });
  app.enableCors({
    origin: config.app.corsOrigins,
    exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id', 'Accept'],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: a text/plain body must be 415, not a string handed to the validators.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Docfinder API')
      .setDescription('Physician directory and review aggregator. Errors are application/problem+json (RFC 9457).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
  app.enableShutdownHooks();
  return app;
}

/** Builds the HTTP application; used by main.ts and by the e2e tests. */
export async function createApp(prepared: PreparedDatabase): Promise<NestFastifyApplication> {
  const { config, embedded } = prepared;
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.app.trustProxy,
    genReqId: (raw: IncomingMessage) => requestIdOf(raw),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, embedded), adapter, { bufferLogs: true });
  return configureApp(app, prepared);
}

/** The same module graph without HTTP, for CLI commands. */
export async function createAppContext({ config, embedded }: PreparedDatabase): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(config, embedded), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  return context;
}
