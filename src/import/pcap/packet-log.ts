// What became of the packets: records seen, decoded and skipped (by reason, the first few of each
// described with where they are), the bytes no record could be read from, and warnings (capped).

/** Where a packet sits, for messages. The reader mutates one instance; read it, never keep it. */
export interface PacketRef {
  file: string;
  /** 1-based packet number within the file. */
  index: number;
  /** Byte offset of the record in the file. */
  offset: number;
}

/** Same-reason skips described one by one before they are only counted. */
const DETAILS_PER_REASON = 3;

export class PacketLog {
  /** The packet being decoded (named by skip messages). */
  at: PacketRef = { file: '', index: 0, offset: 0 };
  packets = 0;
  decoded = 0;
  skipped = 0;
  unreadableBytes = 0;
  readonly skippedBy = new Map<string, number>();
  readonly warnings: string[] = [];
  warningsDropped = 0;

  constructor(private readonly maxWarnings: number) {}

  /** Records a problem not tied to one packet (or already located by the caller). */
  warn(message: string): void {
    if (this.warnings.length < this.maxWarnings) this.warnings.push(message);
    else this.warningsDropped++;
  }

  /** Counts a packet record that could not be used, with its reason; describes the first few. */
  skip(reason: string, detail?: string): void {
    this.skipped++;
    const n = (this.skippedBy.get(reason) ?? 0) + 1;
    this.skippedBy.set(reason, n);
    if (n <= DETAILS_PER_REASON) {
      this.warn(`${this.at.file}: packet #${this.at.index} at byte ${this.at.offset}: ${detail ?? reason}`);
    }
  }
}
