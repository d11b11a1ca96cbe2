package bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Reads the webhook's bytes and answers 200 with no body: the HTTP stack and nothing else. */
@SpringBootApplication
@RestController
public class BareHttpApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareHttpApplication.class, args);
    }

    @PostMapping("/webhooks/tiktok")
    ResponseEntity<Void> webhook(@RequestBody byte[] body) {
        return ResponseEntity.ok().build();
    }
}
