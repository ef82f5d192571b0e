package com.atrium.engagement;

import jakarta.validation.constraints.Size;
import java.util.List;

/** A values session as staff record it with the client (and partner): each person's values, most important first. */
public record ValuesSessionForm(@Size(max = 10) List<PersonValues> people) {

    public record PersonValues(Long personId, @Size(max = 20) List<String> values) {
    }
}
