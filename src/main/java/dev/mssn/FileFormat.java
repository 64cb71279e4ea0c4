package dev.mssn;

import java.util.List;

/**
 * An image file format the library reads and writes, as {@link GpuSuperResolver#fileFormats()}
 * lists them; the output format is chosen by the output file's extension.
 *
 * @param name "PNG", "JPEG", ...
 * @param extensions lower case, the usual one first
 * @param keepsAlpha whether an image with alpha can be written in it
 * @param keepsSixteenBits whether 16-bit samples stay 16-bit (else they are written at 8)
 * @param keepsIccProfile whether an input's ICC colour profile is embedded in the output
 */
public record FileFormat(String name, List<String> extensions, boolean keepsAlpha, boolean keepsSixteenBits,
                         boolean keepsIccProfile) {

    public FileFormat {
        extensions = List.copyOf(extensions);
    }
}
