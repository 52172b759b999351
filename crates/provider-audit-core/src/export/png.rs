//! PNG encoding of the drawn pixels with the `png` crate: RGB, 8 bits, an sRGB chunk, no
//! timestamp or other varying metadata, so that identical pixels give identical bytes.

/// Encodes `rgb` (`width` × `height` pixels, three bytes each, row by row) as a PNG.
///
/// # Errors
/// Only if the pixel buffer does not match the size (a bug) or writing to memory fails.
pub(crate) fn encode_rgb(
    width: u32,
    height: u32,
    rgb: &[u8],
) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::with_capacity(rgb.len() / 8);
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
        // fdeflate's fastest mode with the Up row filter for every row: the picture is flat
        // colour and text, which Up filters to long runs of zeros; trying every filter on
        // every row (the adaptive filter) cost more time than the bytes it saved.
        encoder.set_compression(png::Compression::Fastest);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::encode_rgb;

    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
        let info = reader.next_frame(&mut pixels).expect("one frame");
        pixels.truncate(info.buffer_size());
        (info, pixels)
    }

    #[test]
    fn encodes_a_picture_that_decodes_to_the_same_pixels() {
        let (width, height) = (67_usize, 41_usize);
        let mut rgb = Vec::with_capacity(width * height * 3);
        let mut seed = 12_345_u32;
        for y in 0..height {
            for x in 0..width {
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
        let bytes = encode_rgb(67, 41, &rgb).expect("encodes");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let (info, pixels) = decode(&bytes);
        assert_eq!((info.width, info.height), (67, 41));
        assert_eq!(pixels, rgb);
        assert_eq!(
            encode_rgb(67, 41, &rgb).expect("encodes"),
            bytes,
            "deterministic"
        );
    }

    #[test]
    fn long_flat_runs_compress_well() {
        let rgb = vec![200_u8; 1920 * 200 * 3];
        let bytes = encode_rgb(1920, 200, &rgb).expect("encodes");
        assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
        assert_eq!(decode(&bytes).1, rgb);
    }

    #[test]
    fn a_buffer_of_the_wrong_size_is_an_error() {
        assert!(encode_rgb(10, 10, &[0; 10]).is_err());
    }
}
