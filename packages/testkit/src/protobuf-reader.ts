// A minimal protobuf wire-format reader: enough to walk an OTLP ExportTraceServiceRequest.
// Written here rather than pulling a protobuf runtime because @opentelemetry/otlp-transformer
// only ships encoders for requests, and the wire format needs only these five primitives.

/** Wire types from https://protobuf.dev/programming-guides/encoding/ */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/** Reads fields of one protobuf message in order. */
export class ProtoReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** The next field's number and wire type, or null at the end of the message. */
  next(): { field: number; wireType: number } | null {
    if (this.pos >= this.buf.length) return null;
    const tag = Number(this.varint());
    return { field: tag >>> 3, wireType: tag & 7 };
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('protobuf: truncated varint');
      const byte = this.buf[this.pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('protobuf: varint too long');
    }
  }

  bytes(): Uint8Array {
    const length = Number(this.varint());
    const end = this.pos + length;
    if (end > this.buf.length) throw new Error('protobuf: truncated length-delimited field');
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  string(): string {
    return new TextDecoder().decode(this.bytes());
  }

  fixed64(): bigint {
    const value = this.view.getBigUint64(this.take(8), true);
    return value;
  }

  fixed32(): number {
    return this.view.getUint32(this.take(4), true);
  }

  double(): number {
    return this.view.getFloat64(this.take(8), true);
  }

  /** Skips a field this reader does not care about. */
  skip(wireType: number): void {
    if (wireType === WIRE_VARINT) this.varint();
    else if (wireType === WIRE_FIXED64) this.take(8);
    else if (wireType === WIRE_LENGTH_DELIMITED) this.bytes();
    else if (wireType === WIRE_FIXED32) this.take(4);
    else throw new Error(`protobuf: unsupported wire type ${wireType}`);
  }

  private take(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) throw new Error('protobuf: truncated fixed field');
    this.pos += n;
    return at;
  }
}

/** Bytes as lowercase hex (OTLP ids). */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
