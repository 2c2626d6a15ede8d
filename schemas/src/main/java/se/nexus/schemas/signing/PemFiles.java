package se.nexus.schemas.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.apache.kafka.common.config.ConfigException;

/** The DER bytes of one block of a PEM file. */
final class PemFiles {

	private PemFiles() {
	}

	static byte[] block(Path file, String type) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException e) {
			throw new ConfigException("Cannot read the key file " + file + ": " + e.getMessage());
		}
		String begin = "-----BEGIN " + type + "-----";
		String end = "-----END " + type + "-----";
		int from = text.indexOf(begin);
		int to = from < 0 ? -1 : text.indexOf(end, from);
		if (to < 0) {
			throw new ConfigException("The key file " + file + " holds no " + type + " block (PEM)");
		}
		return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
	}
}
