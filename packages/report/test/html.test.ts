import { describe, expect, it } from "vitest"
import { h, trusted } from "@tijian/report"

describe("h", () => {
  it("escapes every interpolated string, nests fragments once, joins arrays and drops null, undefined and booleans", () => {
    const inner = h`<b>${"a&b"}</b>`
    const out = h`<p title="${`"x'`}">${"<script>"}${inner}${[1, h`<i>2</i>`, null]}${undefined}${false}${true}</p>`
    expect(out.toString()).toBe(`<p title="&quot;x&#39;">&lt;script&gt;<b>a&amp;b</b>1<i>2</i></p>`)
    expect(trusted("<svg/>").toString()).toBe("<svg/>")
  })
})
