import Fastify from 'fastify';
import pg from 'pg';
import { PROFILE_SELECT } from '../src/doctors/doctors.repository.js';

/**
 * The `profile-read` baseline: a bare Fastify handler running the app's own profile statement, in its own process
 * like the API, with the same pool size. `DATABASE_URL`, `PORT` and `POOL_SIZE` come from the environment.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const server = Fastify();
server.get<{ Params: { id: string } }>('/v1/doctors/:id', async (request, reply) => {
  const { rows } = await pool.query(`${PROFILE_SELECT} WHERE d.id = $1 AND d.deleted_at IS NULL`, [request.params.id]);
  return rows[0] ?? reply.code(404).send();
});
server.get('/health/ready', () => ({ status: 'ok' }));
await server.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void server.close().then(() => pool.end()));
