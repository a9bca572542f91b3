// zlib's inflate and crc32, for the deflated parts of a workbook (Scenario/Loading/ZipArchive).
#include <zlib.h>
