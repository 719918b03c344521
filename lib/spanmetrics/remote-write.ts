// Prometheus remote write 1.0 request bodies: a prompb.WriteRequest in protobuf, snappy-framed
// (block format). Used to put exemplars with past timestamps into Prometheus' exemplar storage,
// which a backfill cannot do (promtool drops exemplars). Field numbers from prompb/types.proto and
// remote.proto: WriteRequest.timeseries=1; TimeSeries.labels=1, samples=2, exemplars=3;
// Label.name=1, value=2; Sample.value=1 (double), timestamp=2 (int64 ms);
// Exemplar.labels=1, value=2 (double), timestamp=3 (int64 ms). Pure, no I/O.

export interface RemoteWriteSeries {
  labels: Readonly<Record<string, string>>;
  samples?: readonly { value: number; timestampMs: number }[];
  exemplars?: readonly { labels: Readonly<Record<string, string>>; value: number; timestampMs: number }[];
}

class Writer {
  private chunks: number[] = [];
  varint(n: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(n));
    while (v >= 0x80n) {
      this.chunks.push(Number((v & 0x7fn) | 0x80n));
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }
  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }
  bytes(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.varint(b.length);
    for (const x of b) this.chunks.push(x);
  }
  string(field: number, s: string): void {
    this.bytes(field, new TextEncoder().encode(s));
  }
  double(field: number, v: number): void {
    this.tag(field, 1);
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.chunks.push(buf.getUint8(i));
  }
  int64(field: number, v: number): void {
    this.tag(field, 0);
    this.varint(BigInt(Math.round(v)));
  }
  done(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** Labels sorted by name, as Prometheus requires of a remote-write series. */
function labelsMessage(w: Writer, field: number, labels: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(labels).sort()) {
    const l = new Writer();
    l.string(1, name);
    l.string(2, labels[name]);
    w.bytes(field, l.done());
  }
}

export function encodeWriteRequest(series: readonly RemoteWriteSeries[]): Uint8Array {
  const req = new Writer();
  for (const s of series) {
    const ts = new Writer();
    labelsMessage(ts, 1, s.labels);
    for (const p of s.samples ?? []) {
      const m = new Writer();
      m.double(1, p.value);
      m.int64(2, p.timestampMs);
      ts.bytes(2, m.done());
    }
    for (const e of s.exemplars ?? []) {
      const m = new Writer();
      labelsMessage(m, 1, e.labels);
      m.double(2, e.value);
      m.int64(3, e.timestampMs);
      ts.bytes(3, m.done());
    }
    req.bytes(1, ts.done());
  }
  return req.done();
}

/**
 * Snappy block format with literals only (no compression): the uncompressed length as a varint,
 * then literal elements of at most 65,536 bytes (tag 61 << 2: two length bytes, little-endian).
 * Valid snappy that any decoder reads; remote write needs snappy framing, not a good ratio.
 */
export function snappyLiteral(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let n = data.length;
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  for (let i = 0; i < data.length; i += 65_536) {
    const chunk = data.subarray(i, Math.min(data.length, i + 65_536));
    const len = chunk.length - 1;
    if (len < 60) out.push(len << 2);
    else out.push(61 << 2, len & 0xff, len >> 8);
    for (const x of chunk) out.push(x);
  }
  return Uint8Array.from(out);
}

export const REMOTE_WRITE_HEADERS = {
  "content-type": "application/x-protobuf",
  "content-encoding": "snappy",
  "x-prometheus-remote-write-version": "0.1.0",
} as const;
