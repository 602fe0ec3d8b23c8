// `pnpm --filter @junction/nodes bench`: the legacy wire formats of issue 24 — parsing a 100 KB XML
// document to JSON (Junction's own scanner: checks, DOCTYPE refusal and the mapping in one pass) and
// decoding a 100 KB GBK body (fatal TextDecoder) — next to fast-xml-parser alone (the parser the
// scanner replaced, kept as its test oracle) and Buffer#toString('utf8') over the same sizes.
// Target: each under 5 ms. Not a test: the figures depend on the machine (and on its load: compare
// the rows of one run, not runs of different days).
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { decodeText } from '../src/wire-format/charset.ts';
import { xmlToJson } from '../src/wire-format/xml.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 51);
const TARGET_MS = 5;
const SIZE = 100 * 1024;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Median wall time of `run`, and its median CPU time (this process's user + system): on a machine
 * shared with other work the wall time includes waiting for a core, the CPU time does not.
 */
function time(run: () => unknown): [number, number] {
  for (let i = 0; i < 5; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    run();
    const spent = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return [median(wall), median(cpu)];
}

// A WeChat-style notification repeated as items until 100 KB: CDATA, attributes, Chinese text, entities.
const item = (i: number) =>
  `<item id="${i}"><out_trade_no>ORD${i}</out_trade_no><body><![CDATA[月卡-${i} 商品]]></body><total_fee>${i * 7}</total_fee><note>a &amp; b &lt;${i}&gt;</note></item>`;
let items = '';
for (let i = 0; items.length < SIZE; i++) items += item(i);
const xml = `<?xml version="1.0" encoding="UTF-8"?><xml><return_code><![CDATA[SUCCESS]]></return_code>${items}</xml>`;

let text = '';
while (text.length < SIZE) text += '{"msg":"成功","shop":"店铺名称","order":"订单2026"},';
const gbkWhole = iconv.encode(text, 'gbk');
const utf8 = Buffer.from(iconv.decode(gbkWhole, 'gbk'), 'utf8');

const parser = new XMLParser({ ignoreAttributes: false, processEntities: false });
const rows = [
  ['xmlToJson, 100 KB XML', time(() => xmlToJson(xml)), Buffer.byteLength(xml)],
  ['  fast-xml-parser alone', time(() => parser.parse(xml)), Buffer.byteLength(xml)],
  ['decodeText gbk, 100 KB', time(() => decodeText(gbkWhole, 'gbk')), gbkWhole.length],
  ['  utf8 toString, same text', time(() => utf8.toString('utf8')), utf8.length],
] as const;

console.log(`wire formats (median of ${RUNS} runs)`);
for (const [name, [ms, cpu], bytes] of rows) {
  console.log(
    `  ${name.padEnd(28)} ${ms.toFixed(3).padStart(8)} ms  (cpu ${cpu.toFixed(3).padStart(8)} ms, ${(bytes / 1024).toFixed(0)} KB)`,
  );
}
const worst = Math.max(rows[0][1][0], rows[2][1][0]);
console.log(
  `Target < ${TARGET_MS} ms each: ${worst < TARGET_MS ? 'met' : 'NOT met'} (slowest ${worst.toFixed(2)} ms).`,
);
