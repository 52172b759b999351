//! A small, dependency-free PNG encoder for the exported images: 8-bit RGB, one adaptive
//! filter per row, and a zlib stream compressed with LZ77 and the fixed Huffman codes of
//! deflate (RFC 1950, 1951; PNG 1.2).
//!
//! Why not an encoder crate: plotters only writes PNG to a path, and the output must be
//! byte-identical for identical input forever, which a general-purpose compressor does
//! not promise across its versions. Charts are large flat areas, which LZ77 alone
//! compresses well. Must not depend on UI crates.

/// Encodes `rgb` (`width * height * 3` bytes, rows top to bottom) as a PNG file.
///
/// # Panics
/// Never: a buffer of the wrong length is encoded as far as it goes, padded with black.
#[must_use]
pub(crate) fn encode_rgb(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let stride = width as usize * 3;
    let rows = height as usize;
    let mut filtered = Vec::with_capacity((stride + 1) * rows);
    let zero_row = vec![0_u8; stride];
    let row = |y: usize| -> std::borrow::Cow<'_, [u8]> {
        if let Some(slice) = rgb.get(y * stride..(y + 1) * stride) {
            std::borrow::Cow::Borrowed(slice)
        } else {
            let mut padded = rgb.get(y * stride..).unwrap_or(&[]).to_vec();
            padded.resize(stride, 0);
            std::borrow::Cow::Owned(padded)
        }
    };
    let mut scratch = vec![0_u8; stride];
    for y in 0..rows {
        let current = row(y);
        let previous = if y == 0 {
            std::borrow::Cow::Borrowed(zero_row.as_slice())
        } else {
            row(y - 1)
        };
        filter_row(&current, &previous, &mut scratch, &mut filtered);
    }

    let mut png = Vec::with_capacity(filtered.len() / 8 + 1024);
    png.extend_from_slice(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]);
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    // Bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, *b"IHDR", &header);
    // The colours are sRGB (rendering intent: perceptual).
    chunk(&mut png, *b"sRGB", &[0]);
    chunk(&mut png, *b"IDAT", &zlib(&filtered));
    chunk(&mut png, *b"IEND", &[]);
    png
}

/// Appends the row filtered with whichever of the five PNG filters gives the smallest
/// sum of absolute values (the heuristic the PNG specification suggests). A row equal to
/// the one above, common in charts, is filtered with Up (all zeros) at once.
fn filter_row(current: &[u8], previous: &[u8], scratch: &mut [u8], out: &mut Vec<u8>) {
    if current == previous {
        out.push(2);
        out.resize(out.len() + current.len(), 0);
        return;
    }
    let mut best_filter = 0;
    let mut best_cost = u32::MAX;
    for filter in 0..=4_u8 {
        apply_filter(filter, current, previous, scratch);
        // At most 128 per byte: a row of 8 million bytes would still fit in u32.
        let cost = scratch
            .iter()
            .map(|&value| u32::from(value.cast_signed().unsigned_abs()))
            .fold(0_u32, u32::wrapping_add);
        if cost < best_cost {
            best_cost = cost;
            best_filter = filter;
        }
    }
    apply_filter(best_filter, current, previous, scratch);
    out.push(best_filter);
    out.extend_from_slice(scratch);
}

/// Writes `current` filtered with PNG filter `filter` into `out` (all three the same
/// length), each loop simple enough for the compiler to vectorise.
fn apply_filter(filter: u8, current: &[u8], previous: &[u8], out: &mut [u8]) {
    const BPP: usize = 3;
    let head = BPP.min(current.len());
    match filter {
        0 => out.copy_from_slice(current),
        1 => {
            out[..head].copy_from_slice(&current[..head]);
            for ((o, &x), &a) in out[head..].iter_mut().zip(&current[head..]).zip(current) {
                *o = x.wrapping_sub(a);
            }
        }
        2 => {
            for ((o, &x), &b) in out.iter_mut().zip(current).zip(previous) {
                *o = x.wrapping_sub(b);
            }
        }
        3 => {
            for i in 0..head {
                out[i] = current[i].wrapping_sub(previous[i] / 2);
            }
            for (((o, &x), &a), &b) in out[head..]
                .iter_mut()
                .zip(&current[head..])
                .zip(current)
                .zip(&previous[head..])
            {
                *o = x.wrapping_sub(average(a, b));
            }
        }
        _ => {
            for i in 0..head {
                out[i] = current[i].wrapping_sub(paeth(0, previous[i], 0));
            }
            for ((((o, &x), &a), &b), &c) in out[head..]
                .iter_mut()
                .zip(&current[head..])
                .zip(current)
                .zip(&previous[head..])
                .zip(previous)
            {
                *o = x.wrapping_sub(paeth(a, b, c));
            }
        }
    }
}

fn average(a: u8, b: u8) -> u8 {
    // (a + b) / 2 is at most 255.
    u16::midpoint(u16::from(a), u16::from(b)).to_le_bytes()[0]
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let (ia, ib, ic) = (i16::from(a), i16::from(b), i16::from(c));
    let p = ia + ib - ic;
    let (pa, pb, pc) = ((p - ia).abs(), (p - ib).abs(), (p - ic).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn chunk(png: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
    // Chunks are far below 4 GiB: at most width * height * 3 bytes, bounded by the caller.
    let length = u32::try_from(data.len()).unwrap_or(u32::MAX);
    png.extend_from_slice(&length.to_be_bytes());
    let start = png.len();
    png.extend_from_slice(&kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0_u32; 256];
    let mut n = 0_u32;
    while n < 256 {
        let mut c = n;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n as usize] = c;
        n += 1;
    }
    table
};

fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(u32::MAX, |crc, &byte| {
        CRC_TABLE[usize::from((crc ^ u32::from(byte)).to_le_bytes()[0])] ^ (crc >> 8)
    })
}

fn adler32(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1_u32, 0_u32);
    // 5552 bytes is the most that can be summed before `b` could overflow.
    for block in bytes.chunks(5552) {
        for &byte in block {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// A zlib stream of `data`: header, one deflate block with the fixed codes, checksum.
fn zlib(data: &[u8]) -> Vec<u8> {
    let mut writer = BitWriter::with_capacity(data.len() / 8 + 64);
    // CMF 0x78: deflate with a 32 KiB window; FLG 0x01: fastest, header check bits.
    writer.out.extend_from_slice(&[0x78, 0x01]);
    deflate_fixed(data, &mut writer);
    let mut out = writer.finish();
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    count: u32,
}

impl BitWriter {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            out: Vec::with_capacity(capacity),
            acc: 0,
            count: 0,
        }
    }

    /// Writes the `count` low bits of `value`, least significant first.
    fn bits(&mut self, value: u32, count: u32) {
        self.acc |= u64::from(value) << self.count;
        self.count += count;
        while self.count >= 8 {
            self.out.push(self.acc.to_le_bytes()[0]);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.acc.to_le_bytes()[0]);
        }
        self.out
    }
}

/// Huffman codes are sent most significant bit first: reversed, as the writer is LSB first.
const fn reverse(code: u32, length: u32) -> u32 {
    code.reverse_bits() >> (32 - length)
}

/// The fixed literal/length code of symbol `symbol` (RFC 1951, 3.2.6), reversed, and its length.
const FIXED_LITERALS: [(u32, u32); 288] = {
    let mut table = [(0_u32, 0_u32); 288];
    let mut s = 0_u32;
    while s < 288 {
        table[s as usize] = if s <= 143 {
            (reverse(0x30 + s, 8), 8)
        } else if s <= 255 {
            (reverse(0x190 + s - 144, 9), 9)
        } else if s <= 279 {
            (reverse(s - 256, 7), 7)
        } else {
            (reverse(0xc0 + s - 280, 8), 8)
        };
        s += 1;
    }
    table
};

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u32; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u32; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

const WINDOW: usize = 32 * 1024;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const HASH_BITS: u32 = 15;
/// How many earlier positions with the same hash are tried for a match.
const MAX_CHAIN: usize = 8;
/// A match this long is good enough: the search stops there.
const NICE_MATCH: usize = 128;
const NONE: u32 = u32::MAX;
/// Matches longer than this have only their last positions hashed.
const MAX_INSERT: usize = 32;

fn hash(data: &[u8], at: usize) -> usize {
    let key = u32::from(data[at]) << 16 | u32::from(data[at + 1]) << 8 | u32::from(data[at + 2]);
    (key.wrapping_mul(0x9e37_79b1) >> (32 - HASH_BITS)) as usize
}

/// The length of the common prefix of `data[a..]` and `data[b..]`, at most `limit`.
fn common_length(data: &[u8], a: usize, b: usize, limit: usize) -> usize {
    let mut length = 0;
    while length + 8 <= limit {
        let x = u64::from_le_bytes(
            data[a + length..a + length + 8]
                .try_into()
                .unwrap_or([0; 8]),
        );
        let y = u64::from_le_bytes(
            data[b + length..b + length + 8]
                .try_into()
                .unwrap_or([1; 8]),
        );
        let diff = x ^ y;
        if diff != 0 {
            return length + (diff.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    while length < limit && data[a + length] == data[b + length] {
        length += 1;
    }
    length
}

fn deflate_fixed(data: &[u8], writer: &mut BitWriter) {
    // BFINAL = 1, BTYPE = 01 (fixed Huffman codes).
    writer.bits(1, 1);
    writer.bits(1, 2);
    let mut head = vec![NONE; 1 << HASH_BITS];
    let mut previous = vec![NONE; WINDOW];
    // Positions are stored as u32: callers never hand in 4 GiB.
    let insert = |head: &mut [u32], previous: &mut [u32], at: usize| {
        let h = hash(data, at);
        previous[at % WINDOW] = head[h];
        head[h] = u32::try_from(at).unwrap_or(NONE);
    };
    let mut at = 0;
    while at < data.len() {
        let limit = MAX_MATCH.min(data.len() - at);
        let mut best = (0, 0);
        if limit >= MIN_MATCH {
            let mut candidate = head[hash(data, at)];
            let mut tries = 0;
            while candidate != NONE && tries < MAX_CHAIN {
                let from = candidate as usize;
                let distance = at - from;
                if distance > WINDOW - 1 {
                    break;
                }
                // A candidate that differs at the best length so far cannot beat it.
                if best.0 == 0 || data[from + best.0] == data[at + best.0] {
                    let length = common_length(data, from, at, limit);
                    if length > best.0 {
                        best = (length, distance);
                        if length >= NICE_MATCH.min(limit) {
                            break;
                        }
                    }
                }
                candidate = previous[from % WINDOW];
                tries += 1;
            }
            insert(&mut head, &mut previous, at);
        }
        let (length, distance) = best;
        if length >= MIN_MATCH {
            write_match(writer, length, distance);
            let end = at + length;
            // Inside long matches (flat areas) only the last positions are worth finding
            // again; hashing every one of them would double the time for nothing.
            let first = if length > MAX_INSERT { end - 2 } else { at + 1 };
            for position in first..end.min(data.len().saturating_sub(MIN_MATCH - 1)) {
                insert(&mut head, &mut previous, position);
            }
            at = end;
        } else {
            let (code, bits) = FIXED_LITERALS[usize::from(data[at])];
            writer.bits(code, bits);
            at += 1;
        }
    }
    let (code, bits) = FIXED_LITERALS[256];
    writer.bits(code, bits);
}

fn write_match(writer: &mut BitWriter, length: usize, distance: usize) {
    let length_index = LENGTH_BASE
        .iter()
        .rposition(|&base| usize::from(base) <= length)
        .unwrap_or(0);
    let (code, bits) = FIXED_LITERALS[257 + length_index];
    writer.bits(code, bits);
    let extra = u32::try_from(length - usize::from(LENGTH_BASE[length_index])).unwrap_or(0);
    writer.bits(extra, LENGTH_EXTRA[length_index]);
    let distance_index = DISTANCE_BASE
        .iter()
        .rposition(|&base| usize::from(base) <= distance)
        .unwrap_or(0);
    writer.bits(reverse(u32::try_from(distance_index).unwrap_or(0), 5), 5);
    let extra = u32::try_from(distance - usize::from(DISTANCE_BASE[distance_index])).unwrap_or(0);
    writer.bits(extra, DISTANCE_EXTRA[distance_index]);
}

#[cfg(test)]
mod tests {
    use super::{adler32, crc32, encode_rgb};

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    /// A minimal inflater for the fixed-code blocks the encoder writes.
    fn inflate_fixed(stream: &[u8]) -> Vec<u8> {
        struct Bits<'a> {
            data: &'a [u8],
            at: usize,
        }
        impl Bits<'_> {
            fn bit(&mut self) -> u32 {
                let bit = u32::from(self.data[self.at / 8] >> (self.at % 8)) & 1;
                self.at += 1;
                bit
            }
            fn bits(&mut self, count: u32) -> u32 {
                (0..count).fold(0, |value, i| value | (self.bit() << i))
            }
            fn code(&mut self, count: u32) -> u32 {
                (0..count).fold(0, |code, _| (code << 1) | self.bit())
            }
            fn symbol(&mut self) -> u32 {
                let mut code = self.code(7);
                if code <= 23 {
                    return 256 + code;
                }
                code = (code << 1) | self.bit();
                if (0x30..=0xbf).contains(&code) {
                    return code - 0x30;
                }
                if (0xc0..=0xc7).contains(&code) {
                    return 280 + code - 0xc0;
                }
                code = (code << 1) | self.bit();
                144 + code - 0x190
            }
        }
        assert_eq!(&stream[..2], &[0x78, 0x01]);
        let mut bits = Bits {
            data: &stream[2..],
            at: 0,
        };
        assert_eq!(bits.bits(1), 1, "final block");
        assert_eq!(bits.bits(2), 1, "fixed codes");
        let mut out: Vec<u8> = Vec::new();
        loop {
            let symbol = bits.symbol();
            match symbol {
                0..=255 => out.push(u8::try_from(symbol).expect("literal")),
                256 => break,
                _ => {
                    let index = (symbol - 257) as usize;
                    let length = usize::from(super::LENGTH_BASE[index])
                        + bits.bits(super::LENGTH_EXTRA[index]) as usize;
                    let code = bits.code(5) as usize;
                    let distance = usize::from(super::DISTANCE_BASE[code])
                        + bits.bits(super::DISTANCE_EXTRA[code]) as usize;
                    for _ in 0..length {
                        out.push(out[out.len() - distance]);
                    }
                }
            }
        }
        let consumed = 2 + bits.at.div_ceil(8);
        let checksum = u32::from_be_bytes(stream[consumed..consumed + 4].try_into().expect("4"));
        assert_eq!(checksum, adler32(&out));
        out
    }

    fn unfilter(data: &[u8], width: usize, height: usize) -> Vec<u8> {
        let stride = width * 3;
        let mut out = vec![0_u8; stride * height];
        for y in 0..height {
            let filter = data[y * (stride + 1)];
            for i in 0..stride {
                let raw = data[y * (stride + 1) + 1 + i];
                let a = if i >= 3 { out[y * stride + i - 3] } else { 0 };
                let b = if y > 0 { out[(y - 1) * stride + i] } else { 0 };
                let c = if y > 0 && i >= 3 {
                    out[(y - 1) * stride + i - 3]
                } else {
                    0
                };
                let predicted = match filter {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => super::average(a, b),
                    4 => super::paeth(a, b, c),
                    other => panic!("filter {other}"),
                };
                out[y * stride + i] = raw.wrapping_add(predicted);
            }
        }
        out
    }

    fn chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
        let mut at = 8;
        let mut chunks = Vec::new();
        while at < png.len() {
            let length = u32::from_be_bytes(png[at..at + 4].try_into().expect("4")) as usize;
            let kind: [u8; 4] = png[at + 4..at + 8].try_into().expect("4");
            let data = png[at + 8..at + 8 + length].to_vec();
            let crc = u32::from_be_bytes(
                png[at + 8 + length..at + 12 + length]
                    .try_into()
                    .expect("4"),
            );
            assert_eq!(crc, crc32(&png[at + 4..at + 8 + length]), "CRC of {kind:?}");
            chunks.push((kind, data));
            at += 12 + length;
        }
        chunks
    }

    #[test]
    fn encodes_a_picture_that_decodes_to_the_same_pixels() {
        let (width, height) = (67_usize, 41_usize);
        let mut rgb = Vec::with_capacity(width * height * 3);
        let mut seed = 12_345_u32;
        for y in 0..height {
            for x in 0..width {
                // Flat areas, gradients and noise, to exercise every filter and matches.
                let pixel = if y < 10 {
                    [250, 250, 248]
                } else if y < 20 {
                    [
                        u8::try_from(x * 3).expect("small"),
                        40,
                        u8::try_from(y * 5).expect("small"),
                    ]
                } else {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    seed.to_le_bytes()[1..4].try_into().expect("3")
                };
                rgb.extend_from_slice(&pixel);
            }
        }
        let png = encode_rgb(67, 41, &rgb);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let chunks = chunks(&png);
        let kinds: Vec<&[u8; 4]> = chunks.iter().map(|(kind, _)| kind).collect();
        assert_eq!(kinds, [b"IHDR", b"sRGB", b"IDAT", b"IEND"]);
        assert_eq!(&chunks[0].1[..8], &[0, 0, 0, 67, 0, 0, 0, 41]);
        let filtered = inflate_fixed(&chunks[2].1);
        assert_eq!(filtered.len(), (width * 3 + 1) * height);
        assert_eq!(unfilter(&filtered, width, height), rgb);
    }

    #[test]
    fn long_flat_runs_compress_well() {
        let rgb = vec![200_u8; 1920 * 200 * 3];
        let png = encode_rgb(1920, 200, &rgb);
        assert!(png.len() < 20_000, "{} bytes", png.len());
        let chunks = chunks(&png);
        let filtered = inflate_fixed(&chunks[2].1);
        assert_eq!(unfilter(&filtered, 1920, 200), rgb);
    }
}
