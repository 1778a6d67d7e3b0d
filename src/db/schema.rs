//! Table definitions shared by both backends. Only column types that SQLite and PostgreSQL
//! both carry appear here: integers, text, booleans and timestamps (stored as UTC).

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        preferred_locale -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        time_zone -> Text,
        totp_secret -> Nullable<Text>,
        totp_enabled_at -> Nullable<Timestamp>,
        totp_last_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    totp_recovery_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    user_roles (user_id, role) {
        user_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        family -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        replaced_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    publication (id) {
        id -> Integer,
        website_url -> Text,
        social_account -> Text,
        contact_email -> Text,
        sender_address -> Text,
        updated_at -> Timestamp,
        admins_need_totp -> Bool,
    }
}

diesel::table! {
    publication_texts (locale) {
        locale -> Text,
        newsletter_name -> Text,
        postal_address -> Text,
        funders_line -> Text,
        sender_name -> Text,
    }
}

diesel::table! {
    media (id) {
        id -> BigInt,
        file_name -> Text,
        content_type -> Text,
        width -> Integer,
        height -> Integer,
        size_bytes -> BigInt,
        credit -> Text,
        original_name -> Text,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        variants_made -> Bool,
        updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    media_credits (media_id, locale) {
        media_id -> BigInt,
        locale -> Text,
        credit -> Text,
    }
}

diesel::table! {
    media_variants (media_id, width) {
        media_id -> BigInt,
        width -> Integer,
        height -> Integer,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
    }
}

diesel::table! {
    editions (id) {
        id -> BigInt,
        number -> Integer,
        slug -> Text,
        cover_media_id -> Nullable<BigInt>,
        required_locales -> Text,
        refuse_outdated -> Bool,
        published_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        latest_revision_id -> Nullable<BigInt>,
        live_revision_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    edition_translations (edition_id, locale) {
        edition_id -> BigInt,
        locale -> Text,
        title -> Text,
        foreword -> Text,
        signature_name -> Text,
        signature_role -> Text,
        cover_alt -> Text,
        updated_at -> Timestamp,
        group_texts -> Text,
    }
}

diesel::table! {
    stories (id) {
        id -> BigInt,
        slug -> Text,
        section -> Text,
        edition_id -> Nullable<BigInt>,
        position -> Nullable<Integer>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        group_key -> Nullable<Text>,
    }
}

diesel::table! {
    story_translations (id) {
        id -> BigInt,
        story_id -> BigInt,
        locale -> Text,
        status -> Text,
        version -> BigInt,
        latest_revision_id -> BigInt,
        live_revision_id -> Nullable<BigInt>,
        source_revision_id -> Nullable<BigInt>,
        publish_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        search_title -> Text,
    }
}

diesel::table! {
    story_revisions (id) {
        id -> BigInt,
        translation_id -> BigInt,
        number -> Integer,
        title -> Text,
        summary -> Text,
        body -> Text,
        link -> Nullable<Text>,
        author_id -> Nullable<BigInt>,
        source_revision_id -> Nullable<BigInt>,
        restored_from -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    revision_images (revision_id, position) {
        revision_id -> BigInt,
        position -> Integer,
        media_id -> BigInt,
        alt -> Text,
        caption -> Text,
    }
}

diesel::table! {
    translation_events (id) {
        id -> BigInt,
        translation_id -> BigInt,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        from_status -> Text,
        to_status -> Text,
        comment -> Nullable<Text>,
        revision_number -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    subscribers (id) {
        id -> BigInt,
        email -> Text,
        locale -> Text,
        status -> Text,
        hard_failures -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        unsubscribed_at -> Nullable<Timestamp>,
        link_epoch -> BigInt,
    }
}

diesel::table! {
    deliveries (id) {
        id -> BigInt,
        kind -> Text,
        edition_id -> Nullable<BigInt>,
        subscriber_id -> BigInt,
        locale -> Text,
        fallback -> Bool,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_owner -> Nullable<Text>,
        leased_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    edition_revisions (id) {
        id -> BigInt,
        edition_id -> BigInt,
        number -> Integer,
        cover_media_id -> Nullable<BigInt>,
        author_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    edition_revision_texts (revision_id, locale) {
        revision_id -> BigInt,
        locale -> Text,
        title -> Text,
        foreword -> Text,
        signature_name -> Text,
        signature_role -> Text,
        cover_alt -> Text,
        group_texts -> Text,
    }
}

diesel::table! {
    edition_revision_stories (revision_id, position) {
        revision_id -> BigInt,
        position -> Integer,
        story_id -> BigInt,
        group_key -> Nullable<Text>,
    }
}

diesel::table! {
    edition_groups (edition_id, group_key) {
        edition_id -> BigInt,
        group_key -> Text,
        position -> Integer,
        lettered -> Bool,
    }
}

diesel::table! {
    edition_revision_groups (revision_id, group_key) {
        revision_id -> BigInt,
        group_key -> Text,
        position -> Integer,
        lettered -> Bool,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        subject_kind -> Text,
        subject_id -> BigInt,
        action -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    scheduled_sends (edition_id) {
        edition_id -> BigInt,
        send_at -> Timestamp,
        scheduled_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    server_state (name) {
        name -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    rate_limit_hits (id) {
        id -> BigInt,
        bucket -> Text,
        subject -> Text,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(totp_recovery_codes -> users (user_id));
diesel::table! {
    erased_deliveries (edition_id, status, fallback) {
        edition_id -> BigInt,
        status -> Text,
        fallback -> Bool,
        total -> BigInt,
    }
}

diesel::joinable!(deliveries -> subscribers (subscriber_id));
diesel::joinable!(deliveries -> editions (edition_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(edition_translations -> editions (edition_id));
diesel::joinable!(stories -> editions (edition_id));
diesel::joinable!(story_translations -> stories (story_id));
diesel::joinable!(story_revisions -> story_translations (translation_id));
diesel::joinable!(revision_images -> story_revisions (revision_id));
diesel::joinable!(revision_images -> media (media_id));
diesel::joinable!(media_credits -> media (media_id));
diesel::joinable!(media_variants -> media (media_id));
diesel::joinable!(translation_events -> story_translations (translation_id));
diesel::joinable!(edition_revision_texts -> edition_revisions (revision_id));
diesel::joinable!(edition_revision_stories -> edition_revisions (revision_id));
diesel::joinable!(edition_revision_stories -> stories (story_id));
diesel::joinable!(edition_groups -> editions (edition_id));
diesel::joinable!(edition_revision_groups -> edition_revisions (revision_id));
diesel::joinable!(scheduled_sends -> editions (edition_id));
diesel::allow_tables_to_appear_in_same_query!(
    users,
    user_roles,
    refresh_tokens,
    publication,
    publication_texts,
    media,
    editions,
    edition_translations,
    stories,
    story_translations,
    story_revisions,
    revision_images,
    translation_events,
    subscribers,
    deliveries,
    erased_deliveries,
    edition_revisions,
    edition_revision_texts,
    edition_revision_stories,
    edition_groups,
    edition_revision_groups,
    audit_events,
    totp_recovery_codes,
    scheduled_sends,
    media_credits,
    media_variants,
);
