// The generated API types (`schema.d.ts`) are what openapi-typescript makes of the checked-in
// snapshot of the server's OpenAPI document (`openapi.json`); the Rust test `client_types` checks
// that the snapshot is the server's document. `make api-types` regenerates both.
import { readFileSync } from 'node:fs'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'
import { expect, it } from 'vitest'

it('schema.d.ts is generated from openapi.json', async () => {
  const generated = COMMENT_HEADER + astToString(await openapiTS(new URL('./openapi.json', import.meta.url), { silent: true }))
  const checkedIn = readFileSync(new URL('./schema.d.ts', import.meta.url), 'utf8')
  expect(generated, 'src/api/schema.d.ts is stale: run `make api-types`').toBe(checkedIn)
})
