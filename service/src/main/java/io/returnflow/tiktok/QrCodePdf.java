package io.returnflow.tiktok;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A return QR code as TikTok takes it where it answers 25021023 ("PDF only"): the image, centred on
 * one A6 page, scaled to fit with a margin. A document that is a PDF already is sent as it is.
 */
final class QrCodePdf {

    private static final float MARGIN = 24;

    private QrCodePdf() {
    }

    static boolean isPdf(byte[] document) {
        return document.length >= 5 && new String(document, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
    }

    static byte[] of(byte[] document) {
        if (isPdf(document)) {
            return document;
        }
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A6);
            pdf.addPage(page);
            PDImageXObject image = PDImageXObject.createFromByteArray(pdf, document, "return-qr-code");
            PDRectangle box = page.getMediaBox();
            float scale = Math.min((box.getWidth() - 2 * MARGIN) / image.getWidth(), (box.getHeight() - 2 * MARGIN) / image.getHeight());
            float width = image.getWidth() * scale;
            float height = image.getHeight() * scale;
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.drawImage(image, (box.getWidth() - width) / 2, (box.getHeight() - height) / 2, width, height);
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the return QR code is neither a PDF nor an image PDFBox reads: " + e.getMessage(), e);
        }
    }
}
