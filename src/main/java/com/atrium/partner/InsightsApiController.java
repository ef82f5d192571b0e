package com.atrium.partner;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** My Business for advisers and practice managers. */
@RestController
@Tag(name = "Partner portal: My Business", description = "Paid and trial accounts and licences under management")
class InsightsApiController {
    private final MyBusinessService business;

    InsightsApiController(MyBusinessService business) {
        this.business = business;
    }

    @GetMapping("/api/partner/my-business")
    @Operation(summary = "Paid and trial accounts, licences by tier and accounts over the last 12 months: your own, or (practice managers)"
            + " one adviser's (adviser=id) or the whole practice's (no adviser)")
    MyBusiness myBusiness(Actor actor, @RequestParam(required = false) Long adviser) {
        return business.myBusiness(actor, adviser);
    }
}
