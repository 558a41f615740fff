// jpeglib.h needs stddef.h and stdio.h before it (swift-notes §2).
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
