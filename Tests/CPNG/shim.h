#include <png.h>
#include <stdlib.h>
#include <string.h>

/// Decodes a PNG held in memory to 8-bit RGBA with libpng's simplified API; returns NULL on
/// failure. The caller frees the pixels with free().
static inline unsigned char *cpng_decode_rgba(const void *data, size_t size, unsigned *width, unsigned *height) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) return NULL;
    image.format = PNG_FORMAT_RGBA;
    unsigned char *pixels = malloc(PNG_IMAGE_SIZE(image));
    if (pixels == NULL) { png_image_free(&image); return NULL; }
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) { free(pixels); return NULL; }
    *width = image.width;
    *height = image.height;
    return pixels;
}
