package io.returnflow.sandbox;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the sandbox TikTok hosts the buyer's photos, as TikTok's CDN does: public addresses, no
 * signature. Each photo is a square in a colour of its own, so a page showing them can be checked.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokMedia {

    static final String PATH = "/sandbox/tiktok-media";

    @GetMapping(PATH + "/{returnId}/photo-{n}.png")
    ResponseEntity<byte[]> photo(@PathVariable String returnId, @PathVariable int n) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(square(new Color((returnId + n).hashCode() & 0xFFFFFF)));
    }

    private static byte[] square(Color color) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
