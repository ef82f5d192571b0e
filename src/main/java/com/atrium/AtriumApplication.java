package com.atrium;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AtriumApplication {
    public static void main(String[] args) {
        SpringApplication.run(AtriumApplication.class, args);
    }
}
