// The Express 4 alias installed for tests (npm:express@4) has no types of its own; its API is
// the subset of @types/express the tests use.
declare module 'express4' {
  import express from 'express';
  export default express;
}

declare module 'fastify4' {
  import Fastify from 'fastify';
  export default Fastify;
}
