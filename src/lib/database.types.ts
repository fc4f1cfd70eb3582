export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "12.0.2"
  }
  public: {
    Tables: {
      blocks: {
        Row: {
          blocked_id: string
          blocker_id: string
          created_at: string
        }
        Insert: {
          blocked_id: string
          blocker_id?: string
          created_at?: string
        }
        Update: {
          blocked_id?: string
          blocker_id?: string
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "blocks_blocker_id_fkey"
            columns: ["blocker_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      calendar_tokens: {
        Row: {
          created_at: string
          profile_id: string
          token: string
        }
        Insert: {
          created_at?: string
          profile_id: string
          token?: string
        }
        Update: {
          created_at?: string
          profile_id?: string
          token?: string
        }
        Relationships: [
          {
            foreignKeyName: "calendar_tokens_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      congregation_requests: {
        Row: {
          congregation_id: string
          created_at: string
          crew_id: string
          decided_at: string | null
          id: string
          status: Database["public"]["Enums"]["request_status"]
        }
        Insert: {
          congregation_id: string
          created_at?: string
          crew_id: string
          decided_at?: string | null
          id?: string
          status?: Database["public"]["Enums"]["request_status"]
        }
        Update: {
          congregation_id?: string
          created_at?: string
          crew_id?: string
          decided_at?: string | null
          id?: string
          status?: Database["public"]["Enums"]["request_status"]
        }
        Relationships: [
          {
            foreignKeyName: "congregation_requests_congregation_id_fkey"
            columns: ["congregation_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "congregation_requests_crew_id_fkey"
            columns: ["crew_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
        ]
      }
      countries: {
        Row: {
          code: string
          lat: number
          lng: number
          name: string
        }
        Insert: {
          code: string
          lat: number
          lng: number
          name: string
        }
        Update: {
          code?: string
          lat?: number
          lng?: number
          name?: string
        }
        Relationships: []
      }
      email_settings: {
        Row: {
          delivery: Database["public"]["Enums"]["email_delivery"]
          kind: Database["public"]["Enums"]["notification_kind"]
          profile_id: string
        }
        Insert: {
          delivery: Database["public"]["Enums"]["email_delivery"]
          kind: Database["public"]["Enums"]["notification_kind"]
          profile_id?: string
        }
        Update: {
          delivery?: Database["public"]["Enums"]["email_delivery"]
          kind?: Database["public"]["Enums"]["notification_kind"]
          profile_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "email_settings_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      gathering_hosts: {
        Row: {
          added_at: string
          gathering_id: string
          profile_id: string
        }
        Insert: {
          added_at?: string
          gathering_id: string
          profile_id: string
        }
        Update: {
          added_at?: string
          gathering_id?: string
          profile_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "gathering_hosts_gathering_id_fkey"
            columns: ["gathering_id"]
            isOneToOne: false
            referencedRelation: "gatherings"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "gathering_hosts_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      gathering_invitation_optins: {
        Row: {
          created_at: string
          profile_id: string
        }
        Insert: {
          created_at?: string
          profile_id?: string
        }
        Update: {
          created_at?: string
          profile_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "gathering_invitation_optins_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      gathering_rsvps: {
        Row: {
          answer: Database["public"]["Enums"]["rsvp_answer"]
          declined_at: string | null
          gathering_id: string
          profile_id: string
          queued_at: string | null
          responded_at: string
          state: Database["public"]["Enums"]["rsvp_state"] | null
        }
        Insert: {
          answer: Database["public"]["Enums"]["rsvp_answer"]
          declined_at?: string | null
          gathering_id: string
          profile_id: string
          queued_at?: string | null
          responded_at?: string
          state?: Database["public"]["Enums"]["rsvp_state"] | null
        }
        Update: {
          answer?: Database["public"]["Enums"]["rsvp_answer"]
          declined_at?: string | null
          gathering_id?: string
          profile_id?: string
          queued_at?: string | null
          responded_at?: string
          state?: Database["public"]["Enums"]["rsvp_state"] | null
        }
        Relationships: [
          {
            foreignKeyName: "gathering_rsvps_gathering_id_fkey"
            columns: ["gathering_id"]
            isOneToOne: false
            referencedRelation: "gatherings"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "gathering_rsvps_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      gathering_venues: {
        Row: {
          address: string
          gathering_id: string
          lat: number | null
          lng: number | null
          online_url: string | null
          updated_at: string
        }
        Insert: {
          address?: string
          gathering_id: string
          lat?: number | null
          lng?: number | null
          online_url?: string | null
          updated_at?: string
        }
        Update: {
          address?: string
          gathering_id?: string
          lat?: number | null
          lng?: number | null
          online_url?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "gathering_venues_gathering_id_fkey"
            columns: ["gathering_id"]
            isOneToOne: true
            referencedRelation: "gatherings"
            referencedColumns: ["id"]
          },
        ]
      }
      gatherings: {
        Row: {
          accessibility: string[]
          accessibility_note: string
          all_day: boolean
          area_cell: string
          area_label: string | null
          area_lat: number | null
          area_lng: number | null
          cancelled_occurrences: string[]
          capacity: number | null
          contribution: string
          created_at: string
          created_by: string | null
          description: string
          ends_at: string
          going_count: number
          hidden_at: string | null
          host_group_id: string | null
          id: string
          invitations_sent_at: string | null
          invite_region: Json | null
          kind: Database["public"]["Enums"]["gathering_kind"]
          meeting_mode: string
          name: string
          published_at: string | null
          recurrence: string | null
          registration: string
          repeats_until: string | null
          starts_at: string
          status: Database["public"]["Enums"]["gathering_status"]
          time_zone: string
          updated_at: string
          visibility: Database["public"]["Enums"]["group_visibility"]
        }
        Insert: {
          accessibility?: string[]
          accessibility_note?: string
          all_day?: boolean
          area_cell: string
          area_label?: string | null
          area_lat?: number | null
          area_lng?: number | null
          cancelled_occurrences?: string[]
          capacity?: number | null
          contribution?: string
          created_at?: string
          created_by?: string | null
          description?: string
          ends_at: string
          going_count?: number
          hidden_at?: string | null
          host_group_id?: string | null
          id?: string
          invitations_sent_at?: string | null
          invite_region?: Json | null
          kind: Database["public"]["Enums"]["gathering_kind"]
          meeting_mode?: string
          name: string
          published_at?: string | null
          recurrence?: string | null
          registration?: string
          repeats_until?: string | null
          starts_at: string
          status?: Database["public"]["Enums"]["gathering_status"]
          time_zone: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["group_visibility"]
        }
        Update: {
          accessibility?: string[]
          accessibility_note?: string
          all_day?: boolean
          area_cell?: string
          area_label?: string | null
          area_lat?: number | null
          area_lng?: number | null
          cancelled_occurrences?: string[]
          capacity?: number | null
          contribution?: string
          created_at?: string
          created_by?: string | null
          description?: string
          ends_at?: string
          going_count?: number
          hidden_at?: string | null
          host_group_id?: string | null
          id?: string
          invitations_sent_at?: string | null
          invite_region?: Json | null
          kind?: Database["public"]["Enums"]["gathering_kind"]
          meeting_mode?: string
          name?: string
          published_at?: string | null
          recurrence?: string | null
          registration?: string
          repeats_until?: string | null
          starts_at?: string
          status?: Database["public"]["Enums"]["gathering_status"]
          time_zone?: string
          updated_at?: string
          visibility?: Database["public"]["Enums"]["group_visibility"]
        }
        Relationships: [
          {
            foreignKeyName: "gatherings_host_group_id_fkey"
            columns: ["host_group_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
        ]
      }
      group_invitations: {
        Row: {
          created_at: string
          decided_at: string | null
          group_id: string
          hidden_at: string | null
          id: string
          invited_by: string | null
          invitee_id: string
          invitee_name: string
          inviter_name: string
          message: string
          status: Database["public"]["Enums"]["request_status"]
        }
        Insert: {
          created_at?: string
          decided_at?: string | null
          group_id: string
          hidden_at?: string | null
          id?: string
          invited_by?: string | null
          invitee_id: string
          invitee_name: string
          inviter_name: string
          message?: string
          status?: Database["public"]["Enums"]["request_status"]
        }
        Update: {
          created_at?: string
          decided_at?: string | null
          group_id?: string
          hidden_at?: string | null
          id?: string
          invited_by?: string | null
          invitee_id?: string
          invitee_name?: string
          inviter_name?: string
          message?: string
          status?: Database["public"]["Enums"]["request_status"]
        }
        Relationships: [
          {
            foreignKeyName: "group_invitations_group_id_fkey"
            columns: ["group_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "group_invitations_invited_by_fkey"
            columns: ["invited_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "group_invitations_invitee_id_fkey"
            columns: ["invitee_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      group_members: {
        Row: {
          group_id: string
          joined_at: string
          profile_id: string
          role: string
        }
        Insert: {
          group_id: string
          joined_at?: string
          profile_id: string
          role?: string
        }
        Update: {
          group_id?: string
          joined_at?: string
          profile_id?: string
          role?: string
        }
        Relationships: [
          {
            foreignKeyName: "group_members_group_id_fkey"
            columns: ["group_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "group_members_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      group_requests: {
        Row: {
          created_at: string
          decided_at: string | null
          decided_by: string | null
          group_id: string
          hidden_at: string | null
          id: string
          message: string
          requester_id: string
          requester_name: string
          status: Database["public"]["Enums"]["request_status"]
        }
        Insert: {
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          group_id: string
          hidden_at?: string | null
          id?: string
          message?: string
          requester_id: string
          requester_name: string
          status?: Database["public"]["Enums"]["request_status"]
        }
        Update: {
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          group_id?: string
          hidden_at?: string | null
          id?: string
          message?: string
          requester_id?: string
          requester_name?: string
          status?: Database["public"]["Enums"]["request_status"]
        }
        Relationships: [
          {
            foreignKeyName: "group_requests_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "group_requests_group_id_fkey"
            columns: ["group_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "group_requests_requester_id_fkey"
            columns: ["requester_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      groups: {
        Row: {
          area_cell: string
          area_label: string | null
          area_lat: number | null
          area_lng: number | null
          commitment: string
          congregation_id: string | null
          created_at: string
          created_by: string | null
          hidden_at: string | null
          id: string
          kind: Database["public"]["Enums"]["group_kind"]
          languages: string[]
          meeting_mode: string
          member_count: number
          name: string
          purpose: string
          rhythm: string
          size_limit: number | null
          status: Database["public"]["Enums"]["group_status"]
          updated_at: string
          visibility: Database["public"]["Enums"]["group_visibility"]
        }
        Insert: {
          area_cell: string
          area_label?: string | null
          area_lat?: number | null
          area_lng?: number | null
          commitment?: string
          congregation_id?: string | null
          created_at?: string
          created_by?: string | null
          hidden_at?: string | null
          id?: string
          kind: Database["public"]["Enums"]["group_kind"]
          languages?: string[]
          meeting_mode?: string
          member_count?: number
          name: string
          purpose?: string
          rhythm?: string
          size_limit?: number | null
          status?: Database["public"]["Enums"]["group_status"]
          updated_at?: string
          visibility?: Database["public"]["Enums"]["group_visibility"]
        }
        Update: {
          area_cell?: string
          area_label?: string | null
          area_lat?: number | null
          area_lng?: number | null
          commitment?: string
          congregation_id?: string | null
          created_at?: string
          created_by?: string | null
          hidden_at?: string | null
          id?: string
          kind?: Database["public"]["Enums"]["group_kind"]
          languages?: string[]
          meeting_mode?: string
          member_count?: number
          name?: string
          purpose?: string
          rhythm?: string
          size_limit?: number | null
          status?: Database["public"]["Enums"]["group_status"]
          updated_at?: string
          visibility?: Database["public"]["Enums"]["group_visibility"]
        }
        Relationships: [
          {
            foreignKeyName: "groups_congregation_id_fkey"
            columns: ["congregation_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
        ]
      }
      moderation_log: {
        Row: {
          action: string
          at: string
          id: number
          moderator_id: string | null
          note: string
          report_id: string | null
          subject: Database["public"]["Enums"]["report_subject"]
          subject_id: string
          until: string | null
        }
        Insert: {
          action: string
          at?: string
          id?: never
          moderator_id?: string | null
          note?: string
          report_id?: string | null
          subject: Database["public"]["Enums"]["report_subject"]
          subject_id: string
          until?: string | null
        }
        Update: {
          action?: string
          at?: string
          id?: never
          moderator_id?: string | null
          note?: string
          report_id?: string | null
          subject?: Database["public"]["Enums"]["report_subject"]
          subject_id?: string
          until?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "moderation_log_moderator_id_fkey"
            columns: ["moderator_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "moderation_log_report_id_fkey"
            columns: ["report_id"]
            isOneToOne: false
            referencedRelation: "reports"
            referencedColumns: ["id"]
          },
        ]
      }
      moderators: {
        Row: {
          granted_at: string
          note: string
          profile_id: string
        }
        Insert: {
          granted_at?: string
          note?: string
          profile_id: string
        }
        Update: {
          granted_at?: string
          note?: string
          profile_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "moderators_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      notifications: {
        Row: {
          actor_id: string | null
          actor_name: string | null
          body: string
          created_at: string
          email_state: string
          gathering_id: string | null
          gathering_name: string | null
          group_id: string | null
          group_name: string | null
          id: string
          invitation_id: string | null
          kind: Database["public"]["Enums"]["notification_kind"]
          read_at: string | null
          recipient_id: string
          request_id: string | null
        }
        Insert: {
          actor_id?: string | null
          actor_name?: string | null
          body?: string
          created_at?: string
          email_state?: string
          gathering_id?: string | null
          gathering_name?: string | null
          group_id?: string | null
          group_name?: string | null
          id?: string
          invitation_id?: string | null
          kind: Database["public"]["Enums"]["notification_kind"]
          read_at?: string | null
          recipient_id: string
          request_id?: string | null
        }
        Update: {
          actor_id?: string | null
          actor_name?: string | null
          body?: string
          created_at?: string
          email_state?: string
          gathering_id?: string | null
          gathering_name?: string | null
          group_id?: string | null
          group_name?: string | null
          id?: string
          invitation_id?: string | null
          kind?: Database["public"]["Enums"]["notification_kind"]
          read_at?: string | null
          recipient_id?: string
          request_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "notifications_actor_id_fkey"
            columns: ["actor_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_gathering_id_fkey"
            columns: ["gathering_id"]
            isOneToOne: false
            referencedRelation: "gatherings"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_group_id_fkey"
            columns: ["group_id"]
            isOneToOne: false
            referencedRelation: "groups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_invitation_id_fkey"
            columns: ["invitation_id"]
            isOneToOne: false
            referencedRelation: "group_invitations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_recipient_id_fkey"
            columns: ["recipient_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_request_id_fkey"
            columns: ["request_id"]
            isOneToOne: false
            referencedRelation: "group_requests"
            referencedColumns: ["id"]
          },
        ]
      }
      outbox_emails: {
        Row: {
          claimed_until: string | null
          created_at: string
          digest: boolean
          id: string
          notification_ids: string[]
          recipient_id: string
          sent_at: string | null
          settings_token: string
          to_address: string
        }
        Insert: {
          claimed_until?: string | null
          created_at?: string
          digest: boolean
          id?: string
          notification_ids: string[]
          recipient_id: string
          sent_at?: string | null
          settings_token: string
          to_address: string
        }
        Update: {
          claimed_until?: string | null
          created_at?: string
          digest?: boolean
          id?: string
          notification_ids?: string[]
          recipient_id?: string
          sent_at?: string | null
          settings_token?: string
          to_address?: string
        }
        Relationships: [
          {
            foreignKeyName: "outbox_emails_recipient_id_fkey"
            columns: ["recipient_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      places: {
        Row: {
          country_code: string
          earth: unknown
          id: number
          lat: number
          lng: number
          name: string
          population: number
          region: string | null
        }
        Insert: {
          country_code: string
          earth?: never
          id: number
          lat: number
          lng: number
          name: string
          population: number
          region?: string | null
        }
        Update: {
          country_code?: string
          earth?: never
          id?: number
          lat?: number
          lng?: number
          name?: string
          population?: number
          region?: string | null
        }
        Relationships: []
      }
      profile_locations: {
        Row: {
          lat: number
          lng: number
          profile_id: string
          updated_at: string
        }
        Insert: {
          lat: number
          lng: number
          profile_id?: string
          updated_at?: string
        }
        Update: {
          lat?: number
          lng?: number
          profile_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "profile_locations_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          bio: string
          created_at: string
          discord_handle: string | null
          display_name: string
          id: string
          interests: string[]
          languages: string[]
          last_confirmed_at: string | null
          needs: string[]
          offers: string[]
          onboarded_at: string | null
          open_to: Database["public"]["Enums"]["openness"][]
          pathway_stage: Database["public"]["Enums"]["pathway_stage"] | null
          place_label: string | null
          practices: Database["public"]["Enums"]["practice"][]
          precision: Database["public"]["Enums"]["location_precision"]
          pronouns: string | null
          public_cell: string | null
          public_earth: unknown
          public_lat: number | null
          public_lng: number | null
          public_place_label: string | null
          published_audiences: number
          published_cell: string | null
          published_country: string | null
          published_earth: unknown
          published_lat: number | null
          published_lng: number | null
          suspended_until: string | null
          updated_at: string
          visibility: Database["public"]["Enums"]["profile_visibility"]
          website: string | null
        }
        Insert: {
          bio?: string
          created_at?: string
          discord_handle?: string | null
          display_name?: string
          id: string
          interests?: string[]
          languages?: string[]
          last_confirmed_at?: string | null
          needs?: string[]
          offers?: string[]
          onboarded_at?: string | null
          open_to?: Database["public"]["Enums"]["openness"][]
          pathway_stage?: Database["public"]["Enums"]["pathway_stage"] | null
          place_label?: string | null
          practices?: Database["public"]["Enums"]["practice"][]
          precision?: Database["public"]["Enums"]["location_precision"]
          pronouns?: string | null
          public_cell?: string | null
          public_earth?: unknown
          public_lat?: number | null
          public_lng?: number | null
          public_place_label?: string | null
          published_audiences?: number
          published_cell?: string | null
          published_country?: string | null
          published_earth?: unknown
          published_lat?: number | null
          published_lng?: number | null
          suspended_until?: string | null
          updated_at?: string
          visibility?: Database["public"]["Enums"]["profile_visibility"]
          website?: string | null
        }
        Update: {
          bio?: string
          created_at?: string
          discord_handle?: string | null
          display_name?: string
          id?: string
          interests?: string[]
          languages?: string[]
          last_confirmed_at?: string | null
          needs?: string[]
          offers?: string[]
          onboarded_at?: string | null
          open_to?: Database["public"]["Enums"]["openness"][]
          pathway_stage?: Database["public"]["Enums"]["pathway_stage"] | null
          place_label?: string | null
          practices?: Database["public"]["Enums"]["practice"][]
          precision?: Database["public"]["Enums"]["location_precision"]
          pronouns?: string | null
          public_cell?: string | null
          public_earth?: unknown
          public_lat?: number | null
          public_lng?: number | null
          public_place_label?: string | null
          published_audiences?: number
          published_cell?: string | null
          published_country?: string | null
          published_earth?: unknown
          published_lat?: number | null
          published_lng?: number | null
          suspended_until?: string | null
          updated_at?: string
          visibility?: Database["public"]["Enums"]["profile_visibility"]
          website?: string | null
        }
        Relationships: []
      }
      radar_alerts: {
        Row: {
          created_at: string
          fired_at: string | null
          id: string
          min_people: number
          profile_id: string
          radius_km: number
        }
        Insert: {
          created_at?: string
          fired_at?: string | null
          id?: string
          min_people: number
          profile_id?: string
          radius_km: number
        }
        Update: {
          created_at?: string
          fired_at?: string | null
          id?: string
          min_people?: number
          profile_id?: string
          radius_km?: number
        }
        Relationships: [
          {
            foreignKeyName: "radar_alerts_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      reports: {
        Row: {
          created_at: string
          details: string
          id: string
          reason: Database["public"]["Enums"]["report_reason"]
          reporter_id: string | null
          resolved_at: string | null
          status: string
          subject: Database["public"]["Enums"]["report_subject"]
          subject_id: string
          subject_person: string | null
        }
        Insert: {
          created_at?: string
          details?: string
          id?: string
          reason: Database["public"]["Enums"]["report_reason"]
          reporter_id?: string | null
          resolved_at?: string | null
          status?: string
          subject: Database["public"]["Enums"]["report_subject"]
          subject_id: string
          subject_person?: string | null
        }
        Update: {
          created_at?: string
          details?: string
          id?: string
          reason?: Database["public"]["Enums"]["report_reason"]
          reporter_id?: string | null
          resolved_at?: string | null
          status?: string
          subject?: Database["public"]["Enums"]["report_subject"]
          subject_id?: string
          subject_person?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "reports_reporter_id_fkey"
            columns: ["reporter_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "reports_subject_person_fkey"
            columns: ["subject_person"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      suspensions: {
        Row: {
          moderator_id: string | null
          note: string
          profile_id: string
          since: string
          until: string | null
        }
        Insert: {
          moderator_id?: string | null
          note?: string
          profile_id: string
          since?: string
          until?: string | null
        }
        Update: {
          moderator_id?: string | null
          note?: string
          profile_id?: string
          since?: string
          until?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "suspensions_moderator_id_fkey"
            columns: ["moderator_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "suspensions_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      add_gathering_host: {
        Args: { gathering_id: string; profile_id: string }
        Returns: undefined
      }
      am_i_moderator: { Args: Record<PropertyKey, never>; Returns: boolean }
      answer_invitation: {
        Args: { accept: boolean; invitation_id: string }
        Returns: undefined
      }
      calendar_feed_by_token: {
        Args: { token: string }
        Returns: {
          address: string
          all_day: boolean
          area_label: string
          cancelled_occurrences: string[]
          description: string
          ends_at: string
          id: string
          is_host: boolean
          kind: Database["public"]["Enums"]["gathering_kind"]
          meeting_mode: string
          name: string
          online_url: string
          recurrence: string
          repeats_until: string
          starts_at: string
          status: Database["public"]["Enums"]["gathering_status"]
          time_zone: string
          updated_at: string
          venue_lat: number
          venue_lng: number
        }[]
      }
      claim_import_invitations: {
        Args: { batch_size?: number; lease_seconds?: number }
        Returns: {
          display_name: string
          email: string
          id: string
          place_label: string
          precision: Database["public"]["Enums"]["location_precision"]
          source: string
          token: string
          visibility: Database["public"]["Enums"]["profile_visibility"]
        }[]
      }
      claim_outbox_emails: {
        Args: {
          batch_size?: number
          lease_seconds?: number
          recipients?: string[]
        }
        Returns: {
          claimed_until: string | null
          created_at: string
          digest: boolean
          id: string
          notification_ids: string[]
          recipient_id: string
          sent_at: string | null
          settings_token: string
          to_address: string
        }[]
        SetofOptions: {
          from: "*"
          to: "outbox_emails"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      confirm_import: { Args: { token: string }; Returns: Json }
      confirm_still_here: { Args: Record<PropertyKey, never>; Returns: string }
      create_group: {
        Args: {
          area_cell: string
          commitment?: string
          congregation_id?: string
          kind: Database["public"]["Enums"]["group_kind"]
          languages?: string[]
          meeting_mode?: string
          name: string
          purpose?: string
          rhythm?: string
          size_limit?: number
          status?: Database["public"]["Enums"]["group_status"]
          visibility?: Database["public"]["Enums"]["group_visibility"]
        }
        Returns: string
      }
      crew_radar: { Args: { radius_km: number }; Returns: Json }
      decide_congregation_request: {
        Args: { accept: boolean; request_id: string }
        Returns: undefined
      }
      decide_request: {
        Args: { accept: boolean; request_id: string }
        Returns: undefined
      }
      decide_rsvp: {
        Args: { approve: boolean; gathering_id: string; profile_id: string }
        Returns: Database["public"]["Enums"]["rsvp_state"]
      }
      decline_import: { Args: { token: string }; Returns: undefined }
      delete_my_account: {
        Args: Record<PropertyKey, never>
        Returns: undefined
      }
      directory_list: {
        Args: {
          after?: string
          filters?: Json
          near_lat?: number
          near_lng?: number
          page_size?: number
          sort?: string
        }
        Returns: Json
      }
      directory_page: {
        Args: {
          filters?: Json
          near_lat?: number
          near_lng?: number
          page?: number
          page_size?: number
          sort?: string
        }
        Returns: Json
      }
      email_settings_by_token: { Args: { token: string }; Returns: Json }
      end_expired_suspensions: {
        Args: Record<PropertyKey, never>
        Returns: number
      }
      export_my_data: { Args: Record<PropertyKey, never>; Returns: Json }
      fire_radar_alerts: { Args: Record<PropertyKey, never>; Returns: number }
      gathering_attendees: {
        Args: { gathering_id: string }
        Returns: {
          answer: Database["public"]["Enums"]["rsvp_answer"]
          display_name: string
          is_host: boolean
          place_label: string
          profile_id: string
          queued_at: string
          responded_at: string
          state: Database["public"]["Enums"]["rsvp_state"]
        }[]
      }
      gathering_hosts_of: {
        Args: { gathering_id: string }
        Returns: {
          display_name: string
          profile_id: string
        }[]
      }
      gathering_page: {
        Args: {
          filters?: Json
          near_lat?: number
          near_lng?: number
          page?: number
          page_size?: number
          within_km?: number
        }
        Returns: Json
      }
      group_hosts_of: {
        Args: { group_id: string }
        Returns: {
          display_name: string
          profile_id: string
        }[]
      }
      group_members_of: {
        Args: { group_id: string }
        Returns: {
          display_name: string
          joined_at: string
          place_label: string
          profile_id: string
          role: string
        }[]
      }
      group_page: {
        Args: {
          filters?: Json
          near_lat?: number
          near_lng?: number
          page?: number
          page_size?: number
          within_km?: number
        }
        Returns: Json
      }
      import_invitation_by_token: { Args: { token: string }; Returns: Json }
      invite_to_group: {
        Args: { group_id: string; invitee_id: string; message?: string }
        Returns: string
      }
      leave_congregation: { Args: { crew_id: string }; Returns: undefined }
      leave_group: { Args: { group_id: string }; Returns: undefined }
      lift_suspension: {
        Args: { note?: string; profile_id: string }
        Returns: undefined
      }
      map_items: {
        Args: {
          filters?: Json
          max_items?: number
          max_lat: number
          max_lng: number
          min_lat: number
          min_lng: number
        }
        Returns: Json
      }
      map_view: {
        Args: {
          filters?: Json
          max_items?: number
          max_lat: number
          max_lng: number
          min_lat: number
          min_lng: number
          zoom: number
        }
        Returns: Json
      }
      mark_import_invited: {
        Args: { invitation_ids: string[] }
        Returns: number
      }
      mark_notifications_read: { Args: { ids?: string[] }; Returns: number }
      moderate: {
        Args: {
          action: string
          note?: string
          report_id: string
          until?: string
        }
        Returns: undefined
      }
      moderation_log: { Args: { max_rows?: number }; Returns: Json }
      moderation_queue: { Args: Record<PropertyKey, never>; Returns: Json }
      my_gatherings: {
        Args: Record<PropertyKey, never>
        Returns: {
          address: string
          all_day: boolean
          answer: Database["public"]["Enums"]["rsvp_answer"]
          area_label: string
          cancelled_occurrences: string[]
          capacity: number
          ends_at: string
          going_count: number
          id: string
          invite_region: Json
          is_host: boolean
          kind: Database["public"]["Enums"]["gathering_kind"]
          meeting_mode: string
          name: string
          online_url: string
          recurrence: string
          repeats_until: string
          starts_at: string
          state: Database["public"]["Enums"]["rsvp_state"]
          status: Database["public"]["Enums"]["gathering_status"]
          time_zone: string
          venue_lat: number
          venue_lng: number
        }[]
      }
      my_suspension: { Args: Record<PropertyKey, never>; Returns: Json }
      nearest_towns: {
        Args: { max_results?: number; near_lat: number; near_lng: number }
        Returns: {
          country_code: string
          distance_km: number
          id: number
          lat: number
          lng: number
          name: string
          population: number
          region: string
        }[]
      }
      place_by_id: {
        Args: { place_id: number }
        Returns: {
          country_code: string
          country_name: string
          id: number
          lat: number
          lng: number
          name: string
          population: number
          region: string
        }[]
      }
      place_labels_for: {
        Args: { lat: number; lng: number }
        Returns: {
          cell: string
          label: string
          lat: number
          lng: number
          precision: Database["public"]["Enums"]["location_precision"]
          stranger_cell: string
          stranger_label: string
          stranger_lat: number
          stranger_lng: number
          stranger_precision: Database["public"]["Enums"]["location_precision"]
        }[]
      }
      plan_region: { Args: { region: Json }; Returns: Json }
      prune_import_invitations: {
        Args: Record<PropertyKey, never>
        Returns: number
      }
      queue_emails: { Args: { at?: string }; Returns: number }
      regenerate_calendar_token: {
        Args: Record<PropertyKey, never>
        Returns: string
      }
      release_import_invitations: {
        Args: { invitation_ids: string[] }
        Returns: undefined
      }
      remove_gathering_host: {
        Args: { gathering_id: string; profile_id: string }
        Returns: undefined
      }
      remove_member: {
        Args: { group_id: string; profile_id: string }
        Returns: undefined
      }
      report: {
        Args: {
          details?: string
          reason: Database["public"]["Enums"]["report_reason"]
          subject: Database["public"]["Enums"]["report_subject"]
          subject_id: string
        }
        Returns: string
      }
      request_congregation: {
        Args: { congregation_id: string; crew_id: string }
        Returns: string
      }
      request_to_join: {
        Args: { group_id: string; message?: string }
        Returns: string
      }
      revoke_calendar_token: {
        Args: Record<PropertyKey, never>
        Returns: undefined
      }
      rsvp: {
        Args: {
          answer: Database["public"]["Enums"]["rsvp_answer"]
          gathering_id: string
        }
        Returns: Database["public"]["Enums"]["rsvp_state"]
      }
      save_my_profile: {
        Args: {
          changes: Json
          onboard?: boolean
          point_lat?: number
          point_lng?: number
        }
        Returns: undefined
      }
      search_places: {
        Args: { max_results?: number; query: string }
        Returns: {
          country_code: string
          country_name: string
          id: number
          lat: number
          lng: number
          name: string
          population: number
          region: string
        }[]
      }
      set_email_setting_by_token: {
        Args: {
          delivery: Database["public"]["Enums"]["email_delivery"]
          kind: Database["public"]["Enums"]["notification_kind"]
          token: string
        }
        Returns: undefined
      }
      set_import_choices: {
        Args: {
          precision: Database["public"]["Enums"]["location_precision"]
          token: string
          visibility: Database["public"]["Enums"]["profile_visibility"]
        }
        Returns: undefined
      }
      set_member_role: {
        Args: { group_id: string; profile_id: string; role: string }
        Returns: undefined
      }
      stage_imports: {
        Args: {
          dry_run?: boolean
          people: Json
          run_by?: string
          source: string
        }
        Returns: Json
      }
      suspend_person: {
        Args: { note?: string; profile_id: string; until?: string }
        Returns: undefined
      }
      suspended_people: { Args: Record<PropertyKey, never>; Returns: Json }
      withdraw_invitation: {
        Args: { invitation_id: string }
        Returns: undefined
      }
      withdraw_request: { Args: { request_id: string }; Returns: undefined }
    }
    Enums: {
      email_delivery: "now" | "daily" | "never"
      gathering_kind:
        | "camp"
        | "regional_gathering"
        | "call"
        | "congregation_meeting"
        | "program"
        | "workshop"
      gathering_status: "draft" | "published" | "cancelled"
      group_kind: "crew" | "congregation"
      group_status: "forming" | "open" | "full" | "paused" | "closed"
      group_visibility: "public" | "members"
      location_precision:
        | "neighbourhood"
        | "town"
        | "area"
        | "region"
        | "country"
      notification_kind:
        | "request_received"
        | "request_decided"
        | "invitation_received"
        | "invitation_answered"
        | "member_joined"
        | "member_left"
        | "member_removed"
        | "congregation_request_received"
        | "congregation_request_decided"
        | "radar_alert"
        | "rsvp_received"
        | "rsvp_decided"
        | "waitlist_moved_up"
        | "gathering_changed"
        | "gathering_invitation"
        | "report_outcome"
      openness:
        | "crewing"
        | "hosting_a_crew"
        | "gatherings"
        | "mentoring"
        | "collaborating"
      pathway_stage: "curious" | "practising" | "hosting" | "weaving"
      practice:
        | "crewing"
        | "congregating"
        | "facilitation"
        | "hosting_gatherings"
        | "conflict_work"
        | "meaningful_work"
        | "mentoring"
      profile_visibility: "public" | "members" | "crewmates" | "only_me"
      report_reason:
        | "harassment"
        | "spam"
        | "impersonation"
        | "unsafe"
        | "inappropriate"
        | "other"
      report_subject:
        | "person"
        | "group"
        | "gathering"
        | "join_request"
        | "invitation"
      request_status: "open" | "accepted" | "declined" | "withdrawn"
      rsvp_answer: "going" | "interested" | "not_going"
      rsvp_state: "confirmed" | "waitlisted" | "pending" | "declined"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      email_delivery: ["now", "daily", "never"],
      gathering_kind: [
        "camp",
        "regional_gathering",
        "call",
        "congregation_meeting",
        "program",
        "workshop",
      ],
      gathering_status: ["draft", "published", "cancelled"],
      group_kind: ["crew", "congregation"],
      group_status: ["forming", "open", "full", "paused", "closed"],
      group_visibility: ["public", "members"],
      location_precision: [
        "neighbourhood",
        "town",
        "area",
        "region",
        "country",
      ],
      notification_kind: [
        "request_received",
        "request_decided",
        "invitation_received",
        "invitation_answered",
        "member_joined",
        "member_left",
        "member_removed",
        "congregation_request_received",
        "congregation_request_decided",
        "radar_alert",
        "rsvp_received",
        "rsvp_decided",
        "waitlist_moved_up",
        "gathering_changed",
        "gathering_invitation",
        "report_outcome",
      ],
      openness: [
        "crewing",
        "hosting_a_crew",
        "gatherings",
        "mentoring",
        "collaborating",
      ],
      pathway_stage: ["curious", "practising", "hosting", "weaving"],
      practice: [
        "crewing",
        "congregating",
        "facilitation",
        "hosting_gatherings",
        "conflict_work",
        "meaningful_work",
        "mentoring",
      ],
      profile_visibility: ["public", "members", "crewmates", "only_me"],
      report_reason: [
        "harassment",
        "spam",
        "impersonation",
        "unsafe",
        "inappropriate",
        "other",
      ],
      report_subject: [
        "person",
        "group",
        "gathering",
        "join_request",
        "invitation",
      ],
      request_status: ["open", "accepted", "declined", "withdrawn"],
      rsvp_answer: ["going", "interested", "not_going"],
      rsvp_state: ["confirmed", "waitlisted", "pending", "declined"],
    },
  },
} as const

