// libjpeg's default error_exit calls exit(), so one corrupt file would end the process; Swift
// cannot use setjmp/longjmp, so errors are caught here and returned with their message
// (swift-notes §2).
#include "JPEGShim.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

struct sgg_error_manager {
  struct jpeg_error_mgr base;
  jmp_buf jump;
  char *msg;
  size_t msglen;
};

static void sgg_error_exit(j_common_ptr info) {
  struct sgg_error_manager *err = (struct sgg_error_manager *)info->err;
  if (err->msg != NULL && err->msglen > 0) {
    char buffer[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, buffer);
    strncpy(err->msg, buffer, err->msglen - 1);
    err->msg[err->msglen - 1] = '\0';
  }
  longjmp(err->jump, 1);
}

// Warnings (e.g. "premature end of data segment") are not errors: keep decoding quietly.
static void sgg_output_message(j_common_ptr info) { (void)info; }

static void sgg_set_message(char *msg, size_t msglen, const char *text) {
  if (msg != NULL && msglen > 0) {
    strncpy(msg, text, msglen - 1);
    msg[msglen - 1] = '\0';
  }
}

int sgg_jpeg_header(const unsigned char *data, size_t len, int *width, int *height,
                    int *components, char *msg, size_t msglen) {
  struct jpeg_decompress_struct info;
  struct sgg_error_manager err;
  if (len == 0) {
    sgg_set_message(msg, msglen, "empty file");
    return -1;
  }
  info.err = jpeg_std_error(&err.base);
  err.base.error_exit = sgg_error_exit;
  err.base.output_message = sgg_output_message;
  err.msg = msg;
  err.msglen = msglen;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&info);
    return -1;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, (unsigned char *)data, (unsigned long)len);
  jpeg_read_header(&info, TRUE);
  *width = (int)info.image_width;
  *height = (int)info.image_height;
  *components = info.num_components;
  jpeg_destroy_decompress(&info);
  return 0;
}

int sgg_jpeg_decode_rgb(const unsigned char *data, size_t len, unsigned char *out,
                        size_t outlen, char *msg, size_t msglen) {
  struct jpeg_decompress_struct info;
  struct sgg_error_manager err;
  if (len == 0) {
    sgg_set_message(msg, msglen, "empty file");
    return -1;
  }
  info.err = jpeg_std_error(&err.base);
  err.base.error_exit = sgg_error_exit;
  err.base.output_message = sgg_output_message;
  err.msg = msg;
  err.msglen = msglen;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&info);
    return -1;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, (unsigned char *)data, (unsigned long)len);
  jpeg_read_header(&info, TRUE);
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&info);
  size_t stride = (size_t)info.output_width * 3;
  if (info.output_components != 3 || stride * info.output_height > outlen) {
    sgg_set_message(msg, msglen, "output buffer does not fit the decoded image");
    jpeg_destroy_decompress(&info);
    return -1;
  }
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out + stride * info.output_scanline;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return 0;
}

int sgg_jpeg_encode_rgb(const unsigned char *rgb, int width, int height, int quality,
                        unsigned char **out, unsigned long *outlen, char *msg, size_t msglen) {
  struct jpeg_compress_struct info;
  struct sgg_error_manager err;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  if (width <= 0 || height <= 0) {
    sgg_set_message(msg, msglen, "image has no pixels");
    return -1;
  }
  info.err = jpeg_std_error(&err.base);
  err.base.error_exit = sgg_error_exit;
  err.base.output_message = sgg_output_message;
  err.msg = msg;
  err.msglen = msglen;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&info);
    free(buffer);
    return -1;
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = (JDIMENSION)width;
  info.image_height = (JDIMENSION)height;
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  size_t stride = (size_t)width * 3;
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = (JSAMPROW)(rgb + stride * info.next_scanline);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  *out = buffer;
  *outlen = size;
  return 0;
}

void sgg_jpeg_free(unsigned char *buffer) { free(buffer); }
