#ifndef SGG_JPEG_SHIM_H
#define SGG_JPEG_SHIM_H

#include <stddef.h>

/// Reads the header of a JPEG in memory. Returns 0 on success; on failure returns -1 and writes
/// libjpeg's message to `msg` (NUL-terminated, at most `msglen` bytes).
int sgg_jpeg_header(const unsigned char *data, size_t len, int *width, int *height,
                    int *components, char *msg, size_t msglen);

/// Decodes a JPEG in memory to 8-bit RGB (3 bytes a pixel, rows top to bottom) into `out`, which
/// must hold width * height * 3 bytes (from sgg_jpeg_header). Greyscale and CMYK-free colour
/// files are converted by libjpeg. Returns 0 or -1 with `msg` set.
int sgg_jpeg_decode_rgb(const unsigned char *data, size_t len, unsigned char *out,
                        size_t outlen, char *msg, size_t msglen);

/// Encodes an RGB buffer as a baseline JPEG of `quality` (1-100). On success returns 0 and sets
/// `*out` / `*outlen` to a malloc'd buffer the caller frees with sgg_jpeg_free.
int sgg_jpeg_encode_rgb(const unsigned char *rgb, int width, int height, int quality,
                        unsigned char **out, unsigned long *outlen, char *msg, size_t msglen);

/// Frees a buffer returned by sgg_jpeg_encode_rgb.
void sgg_jpeg_free(unsigned char *buffer);

#endif
