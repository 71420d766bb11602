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

// Lists of a generated union written out for the pages (select options, filters) must name every
// value the server sends, no more and no fewer: `satisfies` alone only refuses extra values.
it('every hand-written list of an enum names exactly its values', () => {
  const source = readFileSync(new URL('./types.ts', import.meta.url), 'utf8')
  const document = JSON.parse(readFileSync(new URL('./openapi.json', import.meta.url), 'utf8'))
  const schemaOf = new Map(
    [...source.matchAll(/export type (\w+) = Schemas\['(\w+)'\]/g)].map((m) => [m[1], m[2]] as const),
  )
  const lists = [...source.matchAll(/export const (\w+) = \[([^\]]*)\] as const satisfies readonly (\w+)\[\]/gs)]
  const subsets = new Set(['STAFF_ROLES']) // a part of the union on purpose
  expect(lists.length).toBeGreaterThan(10)
  for (const [, name = '', body = '', type = ''] of lists) {
    const values = [...body.matchAll(/'([^']*)'/g)].map((m) => m[1])
    const schema = schemaOf.get(type)
    expect(schema, `${name}: its type is not a generated union`).toBeDefined()
    if (!schema || subsets.has(name)) continue
    const expected: string[] = document.components.schemas[schema].enum
    expect([...values].sort(), `${name} against ${schema}`).toEqual([...expected].sort())
  }
})
